"""HTTP headers for hosts that read a ``_headers`` file (Netlify, Cloudflare Pages and others).

Embed pages (the folder of ``EMBED_URL``, in each language) may be framed by any site; every other page may
not. Each section of the site, and of each language's folder, gets its own rule, so that no host has to merge or
unset a header.
"""

from __future__ import annotations

from pathlib import Path

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def headers_file(output: Path, policy: str, embeds: str, prefixes: tuple[str, ...] = ("",)) -> str:
    """Return the ``_headers`` text for the site in ``output`` under the given Content-Security-Policy, the
    pages in the folder ``embeds`` framed by any site; ``prefixes`` are the languages' folders (``""``, ``es/``)."""
    languages = {prefix.strip("/") for prefix in prefixes if prefix}
    rules = [("/*", COMMON)]
    framing_denied = {"Content-Security-Policy": f"{policy}; frame-ancestors 'none'", "X-Frame-Options": "DENY"}
    for prefix in prefixes:
        folder = output / prefix
        sections = sorted(
            path.name for path in folder.iterdir() if path.is_dir() and (prefix or path.name not in languages)
        )
        rules.append((f"/{prefix}", framing_denied))
        rules.append((f"/{prefix}index.html", framing_denied))
        rules += [(f"/{prefix}{section}/*", framing_denied) for section in sections if section != embeds]
        rules.append((f"/{prefix}{embeds}/*", {"Content-Security-Policy": f"{policy}; frame-ancestors *"}))
    return "".join(
        f"{path}\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items()) for path, headers in rules
    )


def write_headers(output: Path, policy: str, embeds: str, prefixes: tuple[str, ...] = ("",)) -> None:
    """Write ``output/_headers``."""
    (output / "_headers").write_text(headers_file(output, policy, embeds, prefixes), encoding="utf-8")
