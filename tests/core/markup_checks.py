"""Checks that HTML shown to people holds nothing a browser would execute, and no control
characters. Shared by the sanitiser tests and the every-field property tests.

Parse user content only (the rendered field, or the part of a page that shows it): a whole
page legitimately carries the site's own <script> and <form> elements.
"""

import re

from bleach._vendor import html5lib

# Elements that run code, load active content, or change how the page or its forms behave.
EXECUTABLE_ELEMENTS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
        "meta", "link", "form", "svg", "math", "template", "noscript", "input", "button",
        "textarea", "select", "img", "video", "audio", "source", "portal",
    }
)  # fmt: skip
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "data", "poster", "background", "srcset",
        "cite", "longdesc", "lowsrc", "dynsrc", "ping", "codebase", "manifest", "xlink:href",
    }
)  # fmt: skip
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript", "data")
# Browsers ignore ASCII whitespace and control characters inside a scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEME = re.compile(rf"^[^/?#]*?(?:{'|'.join(SCRIPT_SCHEMES)}):", re.IGNORECASE)
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMERIC_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+);?")
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0D}


def executable_markup(html: str) -> list[str]:
    """What in ``html`` a browser could execute: elements, event handlers, style, script URLs."""
    problems = []
    fragment = html5lib.parseFragment(str(html), namespaceHTMLElements=False)
    for element in fragment.iter():
        if not isinstance(element.tag, str):  # comments are inert
            continue
        tag = element.tag.split("}")[-1].lower()
        if tag in EXECUTABLE_ELEMENTS:
            problems.append(f"<{tag}> element")
        for raw_name, value in element.attrib.items():
            name = raw_name.split("}")[-1].lower()
            if name.startswith("on"):
                problems.append(f"event handler {name} on <{tag}>")
            elif name == "style":
                problems.append(f"style attribute on <{tag}>")
            elif (name in URL_ATTRIBUTES or name.endswith("href")) and _SCRIPT_SCHEME.match(
                _URL_IGNORED.sub("", value)
            ):
                problems.append(f"script URL {name}={value!r} on <{tag}>")
    return problems


def assert_no_executable_markup(html: str) -> None:
    problems = executable_markup(html)
    assert not problems, f"{problems} in {str(html)!r}"


def control_characters(html: str) -> list[str]:
    """C0 control characters (other than tab/newline/CR) in ``html``, raw or as references."""
    found = [repr(character) for character in _CONTROL_CHARACTER.findall(str(html))]
    for reference in _NUMERIC_REFERENCE.findall(str(html)):
        number = int(reference[1:], 16) if reference[0] in "xX" else int(reference)
        if (number < 0x20 or number == 0x7F) and number not in _ALLOWED_CONTROLS:
            found.append(f"&#{reference};")
    return found


def assert_no_control_characters(html: str) -> None:
    found = control_characters(html)
    assert not found, f"control characters {found} in {str(html)!r}"
