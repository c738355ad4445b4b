"""Byte-stable Office files: the same report twice gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile


def freeze_zip(data: bytes, stamp: str) -> bytes:
    """Rewrite an Office (zip) file with every entry dated ``stamp`` (``YYYY-MM-DD``) and the
    document properties' times set to it, so nothing depends on when it was written."""
    year, month, day = (int(part) for part in stamp.split("-"))
    when = f"{stamp}T00:00:00Z".encode()
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + when, content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(max(year, 1980), month, day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return output.getvalue()
