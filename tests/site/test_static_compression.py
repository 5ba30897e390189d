"""Static files are served brotli-compressed: WhiteNoise writes a .br beside each file at
collectstatic only when the ``brotli`` package is installed, and otherwise silently skips it."""

import brotli
from whitenoise.compress import Compressor


def test_collectstatic_writes_a_brotli_copy_of_each_stylesheet(tmp_path):
    stylesheet = tmp_path / "site.css"
    text = ".card { margin-inline: 1rem; }\n" * 200
    stylesheet.write_text(text)

    written = list(Compressor(quiet=True).compress(str(stylesheet)))

    assert str(stylesheet) + ".br" in written
    assert brotli.decompress((tmp_path / "site.css.br").read_bytes()).decode() == text
