from io import BytesIO

from pypdf import PdfReader

from omdomme.core.pdf import SafeURLFetcher, render_pdf


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_renders_norwegian_text():
    pdf = render_pdf("<html><body><h1>Blåbærsyltetøy på Stiklestad</h1></body></html>")
    assert pdf.startswith(b"%PDF")
    assert "Blåbærsyltetøy på Stiklestad" in _text(pdf)


def test_refuses_network_and_files_outside_static(tmp_path):
    fetcher = SafeURLFetcher()
    secret = tmp_path / "secret.txt"
    secret.write_text("hemmelig")
    for url in ["http://127.0.0.1:9/x.png", "https://example.com/a.css", secret.as_uri(), "file:///etc/passwd"]:
        try:
            fetcher.fetch(url)
        except ValueError:
            continue
        raise AssertionError(f"{url} was fetched")


def test_allows_our_static_files_and_data_urls():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "app.css").as_uri()
    assert b"Omd" in SafeURLFetcher().fetch(css).read()[:200]
    assert SafeURLFetcher().fetch("data:text/plain,hei").read() == b"hei"


def test_a_document_with_a_remote_image_still_renders_without_it():
    pdf = render_pdf('<p>Før</p><img src="http://127.0.0.1:9/spion.png" alt="x"><p>Etter</p>')
    text = _text(pdf)
    assert "Før" in text and "Etter" in text
