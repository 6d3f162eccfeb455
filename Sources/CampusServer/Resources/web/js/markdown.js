// Lesson Markdown (and the MDX the lessons are written in) to a tree of plain nodes, which dom.js turns
// into elements. Only the constructs below become elements; anything else, raw HTML and MDX tags included,
// stays visible text; headings, lists, code, quotes, tables, emphasis and links do. Links keep only http(s), mailto and same-site targets, so no `javascript:` URL, event
// handler or script can come from a lesson. Kept free of the DOM so tests can run it under node.

export function safeURL(url) {
  const trimmed = url.trim();
  if (/^(https?:\/\/|mailto:)/i.test(trimmed)) return trimmed;
  if (trimmed.startsWith("//")) return null;
  // Anything else with a scheme (javascript:, data:, vbscript:, java<TAB>script:…) is dropped.
  return trimmed.split(/[/?#]/)[0].includes(":") ? null : trimmed;
}

export function inline(text) {
  const nodes = [];
  const pattern = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|(?<!\w)_[^_\s][^_]*_(?!\w))|(\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const token = match[0];
    if (match[1]) nodes.push({ tag: "code", children: [token.slice(1, -1)] });
    else if (match[2]) nodes.push({ tag: "strong", children: inline(token.slice(2, -2)) });
    else if (match[3]) nodes.push({ tag: "em", children: inline(token.slice(1, -1)) });
    else {
      const [, label, url] = token.match(/^\[([^\]]+)\]\(([^)\s]+)\)$/);
      const href = safeURL(url);
      nodes.push(href ? { tag: "a", attributes: { href, rel: "noopener noreferrer" }, children: inline(label) } : token);
    }
    last = match.index + token.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

export function parse(markdown) {
  const lines = String(markdown).replace(/\r\n?/g, "\n").split("\n");
  const blocks = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (/^\s*$/.test(line)) { index++; continue; }
    const fence = line.match(/^```\s*([\w+-]*)/);
    if (fence) {
      const code = [];
      index++;
      while (index < lines.length && !/^```/.test(lines[index])) code.push(lines[index++]);
      index++;
      blocks.push({ tag: "pre", children: [{ tag: "code", attributes: fence[1] ? { "data-language": fence[1] } : {}, children: [code.join("\n")] }] });
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      // The page's own title is the h1, so lesson headings start one level below it.
      blocks.push({ tag: "h" + Math.min(6, heading[1].length + 1), children: inline(heading[2]) });
      index++;
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quoted = [];
      while (index < lines.length && /^>\s?/.test(lines[index])) quoted.push(lines[index++].replace(/^>\s?/, ""));
      blocks.push({ tag: "blockquote", children: parse(quoted.join("\n")) });
      continue;
    }
    if (/^\s*\|/.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[index + 1] || "")) {
      const cells = (row) => row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
      const header = cells(line);
      index += 2;
      const rows = [];
      while (index < lines.length && /^\s*\|/.test(lines[index])) rows.push(cells(lines[index++]));
      blocks.push({ tag: "table", children: [
        { tag: "thead", children: [{ tag: "tr", children: header.map((cell) => ({ tag: "th", attributes: { scope: "col" }, children: inline(cell) })) }] },
        { tag: "tbody", children: rows.map((row) => ({ tag: "tr", children: row.map((cell) => ({ tag: "td", children: inline(cell) })) })) },
      ] });
      continue;
    }
    const bullet = /^\s*[-*+]\s+/, numbered = /^\s*\d+[.)]\s+/;
    if (bullet.test(line) || numbered.test(line)) {
      const marker = bullet.test(line) ? bullet : numbered;
      const items = [];
      while (index < lines.length && marker.test(lines[index])) {
        items.push({ tag: "li", children: inline(lines[index++].replace(marker, "")) });
      }
      blocks.push({ tag: marker === bullet ? "ul" : "ol", children: items });
      continue;
    }
    const paragraph = [];
    while (index < lines.length && !/^\s*$/.test(lines[index]) && !/^(```|#{1,6}\s|>|\s*[-*+]\s|\s*\d+[.)]\s|\s*\|)/.test(lines[index])) {
      paragraph.push(lines[index++]);
    }
    if (paragraph.length === 0) paragraph.push(lines[index++]);
    blocks.push({ tag: "p", children: inline(paragraph.join(" ")) });
  }
  return blocks;
}

/// The tree as DOM nodes; `document` is passed in so the parser above stays testable without one.
export function render(nodes, document) {
  const fragment = document.createDocumentFragment();
  for (const node of nodes) {
    if (typeof node === "string") { fragment.append(document.createTextNode(node)); continue; }
    const element = document.createElement(node.tag);
    for (const [name, value] of Object.entries(node.attributes || {})) element.setAttribute(name, value);
    element.append(render(node.children || [], document));
    fragment.append(element);
  }
  return fragment;
}
