// Hostile lesson content through the page's Markdown renderer (node --test tests/web/): nothing it returns
// may become a script, an event handler or a link to a non-web scheme.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, safeURL } from "../../Sources/CampusServer/Resources/web/js/markdown.js";

const hostile = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD4=)",
  "[proto](//evil.example/x)",
  "<a href=\"javascript:alert(1)\">x</a>",
  "<Callout onClick={() => alert(1)}>hi</Callout>",
  "```html\n<script>alert(1)</script>\n```",
  "> <iframe src=https://evil.example></iframe>",
  "**<svg onload=alert(1)>**",
  "| a | <script>x</script> |\n|---|---|\n| [x](javascript:y) | <b onmouseover=z> |",
];

const allowedTags = new Set(["table", "thead", "tbody", "tr", "th", "td", "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "code", "blockquote", "strong", "em", "a"]);

function walk(nodes, visit) {
  for (const node of nodes) {
    if (typeof node === "string") continue;
    visit(node);
    walk(node.children || [], visit);
  }
}

test("hostile Markdown yields only known tags, no event attributes and only web links", () => {
  for (const source of hostile) {
    walk(parse(source), (node) => {
      assert.ok(allowedTags.has(node.tag), `${source} produced <${node.tag}>`);
      for (const [name, value] of Object.entries(node.attributes || {})) {
        assert.ok(!name.toLowerCase().startsWith("on"), `${source} produced ${name}`);
        if (name === "href") assert.match(value, /^(https?:\/\/|mailto:|\/(?!\/)|#|[^:/?#]*([/?#]|$))/, source);
      }
    });
  }
});

test("raw HTML stays visible text", () => {
  const [paragraph] = parse("<script>alert(1)</script>");
  assert.deepEqual(paragraph, { tag: "p", children: ["<script>alert(1)</script>"] });
});

test("safe links keep their target; others lose the link", () => {
  assert.equal(safeURL("https://example.com/a?b#c"), "https://example.com/a?b#c");
  assert.equal(safeURL("/lessons/lesson:x"), "/lessons/lesson:x");
  for (const url of ["javascript:alert(1)", " JAVASCRIPT:x", "vbscript:x", "data:text/html,x", "//evil.example"]) {
    assert.equal(safeURL(url), null, url);
  }
  const [paragraph] = parse("[x](javascript:alert(1)) and [y](https://ok.example)");
  assert.equal(paragraph.children.filter((node) => node.tag === "a").length, 1);
});

test("underscores inside words stay text (snake_case, __names)", () => {
  const [paragraph] = parse("paid_orders and window.__pwned = 1 but _this_ is emphasis");
  assert.equal(paragraph.children.filter((node) => node.tag === "em").length, 1);
  assert.ok(paragraph.children[0].startsWith("paid_orders and window.__pwned = 1"));
});

test("the supported Markdown renders", () => {
  const nodes = parse("# Title\n\nSome **bold**, *em* and `code`.\n\n- one\n- two\n\n1. first\n\n```sql\nSELECT 1;\n```\n\n> quoted\n\n| Column | Value |\n|---|---|\n| `id` | key |");
  assert.deepEqual(nodes.map((node) => node.tag), ["h2", "p", "ul", "ol", "pre", "blockquote", "table"]);
});
