import pytest

from kashif.errors import InputError
from kashif.inputs import MAX_BYTES, check_text, decode, load_text


def test_good_text_passes():
    assert check_text("قال الوزير إن الاقتصاد ينمو.") == "قال الوزير إن الاقتصاد ينمو."


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("The minister said the economy is growing fast this year.", "not Arabic"),
        ("12345 67890", "not Arabic"),
        ("قال\x01\x02\x03\x04\x05", "binary"),
    ],
)
def test_bad_text_is_refused(text, message):
    with pytest.raises(InputError, match=message):
        check_text(text)


def test_mixed_text_with_some_english_is_arabic():
    check_text("قال المتحدث باسم وزارة الخارجية إن الوفد سيزور واشنطن (Washington) الأسبوع المقبل.")


def test_decode_refuses_binary_and_bad_utf8():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode("نص".encode("cp1256"))


def test_oversize_and_missing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(("ن" * (MAX_BYTES // 2 + 10)).encode())
    with pytest.raises(InputError, match="MiB"):
        load_text(big)
    with pytest.raises(InputError, match="no such file"):
        load_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        load_text(tmp_path)


def test_limit_is_in_utf8_bytes_for_text_too():
    # 1.2 M Arabic characters are 2.4 MB of UTF-8: over the limit whether read from a file or passed as str
    with pytest.raises(InputError, match="MiB"):
        check_text("ن" * (MAX_BYTES // 2 + 1000))
