"""Photos with EXIF dates (camera names without dates), a reused photo, and the zip archives
offices keep photos in: one by month with UTF-8 names, one with GBK names as Windows' built-in
zip writes them (the UTF-8 flag, bit 11, unset)."""

from __future__ import annotations

import io
import zipfile

from kit import ZIP_TIME, place


def jpeg(shade: int, taken: str | None) -> bytes:
    """A small picture, its EXIF DateTimeOriginal set when ``taken`` is given."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (64, 48), color=(shade, 140, 220 - shade // 2))
    ImageDraw.Draw(picture).ellipse((8 + shade % 20, 8, 40 + shade % 20, 40), fill=(250, 250, 240))
    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"  # Make
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=60, exif=exif.tobytes())
    return buffer.getvalue()


def _zip(rel: str, members: list[tuple[bytes, bytes]]) -> None:
    """``members``: (raw name bytes, data). Non-UTF-8 names are written raw, with the UTF-8
    flag (bit 11) unset, as Windows' “发送到压缩文件夹” writes GBK names: zipfile would flag any
    non-ASCII name as UTF-8, so each is written under an ASCII stand-in of the same length,
    then swapped in (names are outside the CRC)."""
    buffer = io.BytesIO()
    swaps: list[tuple[bytes, bytes]] = []
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (raw, data) in enumerate(members):
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                stand_in = f"~{index}".encode().ljust(len(raw), b"_")
                swaps.append((stand_in, raw))
                name = stand_in.decode()
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    body = buffer.getvalue()
    for stand_in, raw in swaps:
        assert body.count(stand_in) == 2  # the local header and the central directory
        body = body.replace(stand_in, raw)
    place(rel).write_bytes(body)


def ledger_attachments() -> None:
    """The photos the volunteer ledger's 佐证材料 cells name, beside the ledger."""
    for index, (name, taken) in enumerate(
        [
            ("2022-01-15 走访慰问.jpg", "2022:01:15 10:02:11"),
            ("2022-03-05 学雷锋1.jpg", "2022:03:05 09:12:40"),
            ("2022-03-05 学雷锋2.jpg", "2022:03:05 09:40:03"),
            ("2022-07-05 暑期志愿服务.jpg", "2022:07:05 15:20:00"),
            ("2022-07-07 暑期志愿服务.jpg", "2022:07:07 16:05:31"),
        ]
    ):
        place(f"台账/{name}").write_bytes(jpeg(30 + 17 * index, taken))


def photos() -> None:
    reused = jpeg(200, "2022:03:12 09:30:00")
    place("照片/DSC_0001.jpg").write_bytes(reused)
    place("照片/DSC_0002.jpg").write_bytes(jpeg(60, "2022:05:21 10:00:00"))
    place("照片/DSC_0003.jpg").write_bytes(jpeg(90, "2022:08:06 08:45:00"))
    place("照片/DSC_0004.jpg").write_bytes(jpeg(120, "2022:11:19 14:10:00"))
    place("照片/微信图片_20221019.jpg").write_bytes(reused)  # the same picture, sent again
    place("照片/2022-12-03 国际志愿者日.jpg").write_bytes(jpeg(150, None))
    place("照片/现场照片.jpg").write_bytes(jpeg(180, None))  # no date anywhere


def archives() -> None:
    _zip(
        "照片/月度照片.zip",
        [
            ("2022年3月/植树活动.jpg".encode(), jpeg(10, "2022:03:12 10:00:00")),
            ("2022年3月/学雷锋.jpg".encode(), jpeg(20, "2022:03:05 09:00:00")),
            ("2022年6月/端午节活动.jpg".encode(), jpeg(35, "2022:06:03 10:30:00")),
        ],
    )
    _zip(
        "照片/2022年下半年活动照片.zip",
        [
            ("9月/敬老院慰问.jpg".encode("gbk"), jpeg(70, "2022:09:09 15:00:00")),
            ("10月/重阳节登山.jpg".encode("gbk"), jpeg(110, "2022:10:04 09:20:00")),
        ],
    )


def build() -> None:
    ledger_attachments()
    photos()
    archives()
