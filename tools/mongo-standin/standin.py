#!/usr/bin/python3
"""A MongoDB wire-protocol stand-in for Campus's tests. TEST INFRASTRUCTURE ONLY: never a database.

It speaks the wire protocol through MockupDB and runs each command on an in-memory mongomock client,
so the real MongoDB C driver can be tested on a machine without mongod. Commands it cannot run
honestly get an error reply (code 59), never a fake success. It has no transactions and no sessions
(hello reports neither), so the driver treats it as a standalone server.

    /usr/bin/python3 tools/mongo-standin/standin.py [--port N] [--verbose]

Prints `READY <port>` once it listens (`--port 0`, the default, picks a free port); exits when its
stdin closes or on SIGTERM. Needs Debian's python3-mockupdb and python3-mongomock, which load only
with /usr/bin/python3.
"""

import argparse
import datetime
import itertools
import os
import signal
import sys
import threading

import bson
import bson.errors
from bson.int64 import Int64
import mockupdb
import mongomock
from mongomock import filtering

MAX_WIRE_VERSION = 13  # MongoDB 5.0: OP_MSG only, no legacy opcodes after the handshake
MAX_BSON_SIZE = 16 * 1024 * 1024
BATCH_BYTES = 8 * 1024 * 1024  # stay well under maxMessageSizeBytes in one reply
DEFAULT_BATCH = 101


class CommandError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class Standin:
    def __init__(self):
        self.client = mongomock.MongoClient()
        self.cursors = {}
        self.cursor_ids = itertools.count(1)
        self.connection_ids = itertools.count(1)
        # MockupDB already serialises request handling; this lock keeps that true if it ever stops.
        self.lock = threading.Lock()
        self.handlers = {
            'hello': self.hello, 'ismaster': self.hello,
            'ping': lambda db, cmd: {},
            'buildinfo': self.build_info,
            'endsessions': lambda db, cmd: {},
            'find': self.find, 'getmore': self.get_more, 'killcursors': self.kill_cursors,
            'insert': self.insert, 'update': self.update, 'delete': self.delete,
            'createindexes': self.create_indexes, 'listindexes': self.list_indexes,
            'drop': self.drop, 'dropdatabase': self.drop_database,
        }

    # MockupDB calls this for every request (legacy OP_QUERY handshake and OP_MSG alike).
    def handle(self, request):
        doc = request.doc
        name = next(iter(doc), '')
        db = request.namespace.split('.')[0] if request.namespace else doc.get('$db', 'admin')
        if isinstance(request, mockupdb.OpMsg):
            db = doc.get('$db', db)
        handler = self.handlers.get(name.lower())
        if handler is None:
            return request.command_err(code=59, errmsg='standin: unsupported command %s' % name)
        try:
            with self.lock:
                reply = handler(db, doc)
        except CommandError as error:
            return request.command_err(code=error.code, errmsg=error.message)
        except bson.errors.InvalidDocument as error:
            # pymongo 3's key checks (no '.' or '$' in field names), stricter than MongoDB 5.0+.
            return request.command_err(code=2, errmsg='standin: %s' % error)
        except (NotImplementedError, mongomock.OperationFailure) as error:
            # mongomock cannot do this query: say so instead of answering wrongly.
            return request.command_err(code=2, errmsg='standin: %s' % error)
        except Exception as error:  # noqa: BLE001 - every failure must reach the client as an error
            return request.command_err(code=1, errmsg='standin: internal error: %r' % (error,))
        reply.setdefault('ok', 1)
        request.replies(reply)
        return True

    # --- server state

    def hello(self, db, cmd):
        return {
            'helloOk': True, 'ismaster': True, 'isWritablePrimary': True,
            'maxBsonObjectSize': MAX_BSON_SIZE, 'maxMessageSizeBytes': 48000000,
            'maxWriteBatchSize': 100000, 'localTime': datetime.datetime.now(datetime.timezone.utc),
            'connectionId': next(self.connection_ids),
            'minWireVersion': 0, 'maxWireVersion': MAX_WIRE_VERSION, 'readOnly': False,
        }

    def build_info(self, db, cmd):
        return {'version': '5.0.0-standin', 'versionArray': [5, 0, 0, 0], 'maxBsonObjectSize': MAX_BSON_SIZE,
                'storageEngines': ['mongomock']}

    def collection(self, db, cmd, key):
        name = cmd[next(iter(cmd))] if key is None else cmd.get(key)
        if not isinstance(name, str) or not name:
            raise CommandError(73, 'standin: invalid collection name %r' % (name,))
        return self.client[db][name]

    # --- reads

    def find(self, db, cmd):
        coll = self.collection(db, cmd, None)
        query = cmd.get('filter') or {}
        sort = cmd.get('sort')
        skip = int(cmd.get('skip') or 0)
        limit = abs(int(cmd.get('limit') or 0))
        projection = cmd.get('projection')
        docs = self.fast_find(coll, query, sort, projection)
        if docs is None:
            cursor = coll.find(query, projection=projection,
                               sort=list(sort.items()) if sort else None)
            docs = list(cursor)
        docs = docs[skip:]
        if limit:
            docs = docs[:limit]
        batch_size = cmd.get('batchSize')
        single = bool(cmd.get('singleBatch'))
        return self.open_cursor('%s.%s' % (db, coll.name), docs, batch_size, single, 'firstBatch')

    def fast_find(self, coll, query, sort, projection):
        """Equality or $in on _id: look the documents up instead of scanning the collection."""
        if projection or '_id' not in query:
            return None
        if sort and list(sort.keys()) != ['_id']:
            return None
        wanted = query['_id']
        if isinstance(wanted, dict):
            if set(wanted) != {'$in'} or not isinstance(wanted['$in'], list):
                return None
            ids = wanted['$in']
        else:
            ids = [wanted]
        if any(isinstance(i, (dict, list)) for i in ids):
            return None
        store = coll._store  # mongomock internals: an OrderedDict-like store keyed by _id
        docs, seen = [], set()
        for i in ids:
            key = (type(i).__name__, i)
            if key in seen:
                continue
            seen.add(key)
            try:
                doc = store[i]
            except KeyError:
                continue
            if filtering.filter_applies(query, doc):
                docs.append(bson.decode(bson.encode(doc)))  # a copy, as mongomock hands out
        if sort:
            docs.sort(key=lambda d: d['_id'], reverse=sort['_id'] < 0)
        return docs

    def open_cursor(self, namespace, docs, batch_size, single, field):
        batch, rest = self.take(docs, batch_size)
        cursor_id = 0
        if rest and not single:
            cursor_id = next(self.cursor_ids)
            self.cursors[cursor_id] = (namespace, rest)
        return {'cursor': {'id': Int64(cursor_id), 'ns': namespace, field: batch}}

    @staticmethod
    def take(docs, batch_size):
        limit = DEFAULT_BATCH if batch_size is None else int(batch_size)
        batch, size = [], 0
        for doc in docs:
            if limit and len(batch) >= limit:
                break
            size += len(bson.encode(doc))
            if batch and size > BATCH_BYTES:
                break
            batch.append(doc)
        return batch, docs[len(batch):]

    def get_more(self, db, cmd):
        cursor_id = int(cmd['getMore'])
        entry = self.cursors.pop(cursor_id, None)
        if entry is None:
            raise CommandError(43, 'standin: cursor id %d not found' % cursor_id)
        namespace, docs = entry
        batch, rest = self.take(docs, cmd.get('batchSize'))
        if rest:
            self.cursors[cursor_id] = (namespace, rest)
        else:
            cursor_id = 0
        return {'cursor': {'id': Int64(cursor_id), 'ns': namespace, 'nextBatch': batch}}

    def kill_cursors(self, db, cmd):
        killed, unknown = [], []
        for cursor_id in cmd.get('cursors', []):
            (killed if self.cursors.pop(int(cursor_id), None) else unknown).append(Int64(cursor_id))
        return {'cursorsKilled': killed, 'cursorsNotFound': unknown, 'cursorsAlive': [], 'cursorsUnknown': []}

    # --- writes

    @staticmethod
    def write_reply(n, errors, extra=None):
        reply = {'n': n}
        if errors:
            reply['writeErrors'] = errors
        if extra:
            reply.update(extra)
        return reply

    @staticmethod
    def duplicate(index, error):
        return {'index': index, 'code': 11000, 'errmsg': 'E11000 duplicate key error: %s' % error}

    def insert(self, db, cmd):
        coll = self.collection(db, cmd, None)
        n, errors = 0, []
        for index, doc in enumerate(cmd.get('documents', [])):
            try:
                coll.insert_one(doc)
                n += 1
            except mongomock.DuplicateKeyError as error:
                errors.append(self.duplicate(index, error))
                if cmd.get('ordered', True):
                    break
        return self.write_reply(n, errors)

    def update(self, db, cmd):
        coll = self.collection(db, cmd, None)
        n, modified, upserted, errors = 0, 0, [], []
        for index, spec in enumerate(cmd.get('updates', [])):
            query, change = spec.get('q', {}), spec.get('u', {})
            upsert, multi = bool(spec.get('upsert')), bool(spec.get('multi'))
            try:
                if isinstance(change, list):
                    raise CommandError(2, 'standin: pipeline updates are not supported')
                if change and all(key.startswith('$') for key in change):
                    result = (coll.update_many if multi else coll.update_one)(query, change, upsert=upsert)
                else:
                    if multi:
                        raise CommandError(9, 'multi update is not supported for replacement-style update')
                    result = coll.replace_one(query, change, upsert=upsert)
                n += result.matched_count
                modified += result.modified_count
                if result.upserted_id is not None:
                    n += 1
                    upserted.append({'index': index, '_id': result.upserted_id})
            except mongomock.DuplicateKeyError as error:
                errors.append(self.duplicate(index, error))
                if cmd.get('ordered', True):
                    break
        extra = {'nModified': modified}
        if upserted:
            extra['upserted'] = upserted
        return self.write_reply(n, errors, extra)

    def delete(self, db, cmd):
        coll = self.collection(db, cmd, None)
        n = 0
        for spec in cmd.get('deletes', []):
            query = spec.get('q', {})
            if int(spec.get('limit', 0)) == 1:
                n += coll.delete_one(query).deleted_count
            else:
                n += coll.delete_many(query).deleted_count
        return self.write_reply(n, [])

    # --- indexes and namespaces

    def create_indexes(self, db, cmd):
        coll = self.collection(db, cmd, None)
        existed = coll.name in self.client[db].list_collection_names()
        before = len(coll.index_information()) if existed else 0
        for spec in cmd.get('indexes', []):
            keys = list(spec['key'].items())
            options = {k: v for k, v in spec.items() if k in ('name', 'unique', 'sparse', 'partialFilterExpression')}
            coll.create_index(keys, **options)
        after = len(coll.index_information())
        return {'createdCollectionAutomatically': not existed, 'numIndexesBefore': max(before, 1),
                'numIndexesAfter': after}

    def list_indexes(self, db, cmd):
        coll = self.collection(db, cmd, None)
        if coll.name not in self.client[db].list_collection_names():
            raise CommandError(26, 'ns does not exist: %s.%s' % (db, coll.name))
        docs = []
        for name, info in coll.index_information().items():
            doc = {'v': 2, 'key': dict(info['key']), 'name': name}
            if info.get('unique'):
                doc['unique'] = True
            docs.append(doc)
        batch = (cmd.get('cursor') or {}).get('batchSize')
        return self.open_cursor('%s.%s' % (db, coll.name), docs, batch, False, 'firstBatch')

    def drop(self, db, cmd):
        coll = self.collection(db, cmd, None)
        coll.drop()
        return {'ns': '%s.%s' % (db, coll.name)}

    def drop_database(self, db, cmd):
        self.client.drop_database(db)
        return {'dropped': db}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--verbose', action='store_true')
    args = parser.parse_args()

    standin = Standin()
    # request_timeout only matters to MockupDB's queue API, which nothing here uses.
    server = mockupdb.MockupDB(port=args.port, verbose=args.verbose, request_timeout=int(1e6))
    server.autoresponds(standin.handle)
    port = server.run()

    def finish(*_):
        # MockupDB.stop joins every connection thread for up to 10 s each; exiting is enough here.
        sys.stdout.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, finish)
    print('READY %d' % port, flush=True)
    for _ in sys.stdin:
        pass
    finish()


if __name__ == '__main__':
    main()
