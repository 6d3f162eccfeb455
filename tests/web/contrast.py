"""WCAG contrast of the cabinet's palette (axe-core is not reachable here): every text colour against every
background it is drawn on, in both themes, must reach AA (4.5:1 for text)."""
import re

PAIRS = [("text", "bg"), ("text", "surface"), ("muted", "bg"), ("muted", "surface"), ("accent", "bg"),
         ("accent", "surface"), ("accent-text", "accent"), ("ok", "bg"), ("bad", "bg"), ("bad", "surface")]


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def check_palette(css_path):
    css = open(css_path).read()
    problems = []
    themes = re.findall(r'\[data-theme="(\w+)"\]\s*\{([^}]*)\}', css)
    if len(themes) < 2:
        problems.append("app.css: expected a light and a dark palette")
    for theme, body in themes:
        colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", body))
        for text, background in PAIRS:
            value = ratio(colours[text], colours[background])
            if value < 4.5:
                problems.append(f"{theme}: --{text} on --{background} has contrast {value:.2f} (AA needs 4.5)")
    return problems


if __name__ == "__main__":
    import sys
    found = check_palette(sys.argv[1])
    print("\n".join(found) or "palette: AA everywhere")
