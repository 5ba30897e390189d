"""Small generated files for upload and serving tests: real formats and disguised programs."""

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(text: str = "Policy lab report") -> bytes:
    """A one-page PDF whose content stream shows ``text`` (pypdf extracts it)."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def windows_executable() -> bytes:
    """The headers of a PE program: "MZ", the DOS stub fields, "PE\\0\\0" at e_lfanew."""
    data = bytearray(512)
    data[0:2] = b"MZ"
    data[2:4] = b"\x90\x00"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\x00\x00"
    return bytes(data)


def linux_executable() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def macos_executable() -> bytes:
    return b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 200


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def word_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


#: (name, content) a browser or a desktop could run, each disguised by its name.
DISGUISED = [
    ("report.pdf", windows_executable()),
    ("report.pdf", linux_executable()),
    ("report.pdf", macos_executable()),
    ("notes.txt", html_page()),
    ("notes.txt", b"Meeting notes\n<script>alert(1)</script>\n"),
    ("data.csv", b"a,b\n<svg onload=alert(1)>\n"),
    ("report.pdf", b"#!/bin/sh\nrm -rf ~\n"),
]
