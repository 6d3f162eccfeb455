"""Writes the OpenAPI document the way it is kept in the repository: two-space indent, arrays of
scalars on one line. Edit scripts load it, change it, and call `save`."""
import collections
import json

PATH = "Sources/CampusServer/Resources/openapi.json"


def load(path=PATH):
    with open(path) as handle:
        return json.load(handle, object_pairs_hook=collections.OrderedDict)


def dumps(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{pad}  {json.dumps(key, ensure_ascii=False)}: {dumps(item, indent + 1)}' for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(item, (dict, list)) for item in value):
            return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
        return "[\n" + ",\n".join(pad + "  " + dumps(item, indent + 1) for item in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def save(document, path=PATH):
    with open(path, "w") as handle:
        handle.write(dumps(document) + "\n")
