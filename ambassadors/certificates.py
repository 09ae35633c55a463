"""Certificates as PDF, without a PDF library: a minimal PDF 1.4 writer (one A4 landscape page, the built-in
Helvetica fonts, WinAnsi text, an uncompressed content stream) and the two certificates built on it — an
award certificate and the term summary an alumnus downloads at the end of a term."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_WIDTH, PAGE_HEIGHT = 842, 595  # A4 landscape, in points


@dataclass(frozen=True)
class Line:
    text: str
    size: int = 14
    bold: bool = False
    gap: int = 10  # space above the line, in points


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_width(text: str, size: int) -> float:
    # Helvetica averages about half an em per character: enough to centre a line.
    return len(text) * size * 0.5


def render_pdf(lines: list[Line], *, title: str = "Certificate") -> bytes:
    """A one-page PDF with ``lines`` centred from the top, inside a double border."""
    ops = [b"0.16 0.27 0.55 RG 3 w 28 28 786 539 re S 0.6 w 38 38 766 519 re S 0 0 0 rg"]
    y = PAGE_HEIGHT - 90
    for line in lines:
        y -= line.gap + line.size
        x = max(48, (PAGE_WIDTH - _text_width(line.text, line.size)) / 2)
        font = b"/F2" if line.bold else b"/F1"
        ops.append(b"BT %s %d Tf %.1f %d Td %s Tj ET" % (font, line.size, x, y, _pdf_string(line.text)))
    content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title %s /Producer (XM Hub) >>" % _pdf_string(title),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


def _dates(term) -> str:
    end = term.ended_on or term.ends_on
    return f"{term.starts_on:%d %B %Y} - {end:%d %B %Y}"


def _totals(summary: dict) -> str:
    return (
        f"{summary['hours']} hours  |  {summary['activities']} activities  |  "
        f"{summary['people_reached']} people reached"
    )


def award_certificate_pdf(*, award, summary: dict, organization_name: str) -> bytes:
    term = award.term
    lines = [
        Line(organization_name.upper(), size=12, gap=0),
        Line(award.title, size=30, bold=True, gap=28),
        Line("is presented to", size=13, gap=26),
        Line(term.person.full_name, size=26, bold=True, gap=18),
        Line(term.role.name, size=15, gap=16),
        Line(_dates(term), size=12, gap=10),
    ]
    if award.citation:
        lines.append(Line(award.citation[:110], size=12, gap=24))
    lines += [Line(_totals(summary), size=12, gap=24), Line(f"Granted on {award.granted_at:%d %B %Y}", size=10, gap=40)]
    return render_pdf(lines, title=f"{award.title} - {term.person.full_name}")


def term_summary_pdf(*, term, summary: dict, awards: list, organization_name: str) -> bytes:
    lines = [
        Line(organization_name.upper(), size=12, gap=0),
        Line("Certificate of Service", size=30, bold=True, gap=28),
        Line("with thanks to", size=13, gap=24),
        Line(term.person.full_name, size=26, bold=True, gap=18),
        Line(f"for serving as {term.role.name}", size=15, gap=16),
        Line(_dates(term), size=12, gap=10),
        Line(_totals(summary), size=14, bold=True, gap=26),
    ]
    if awards:
        lines.append(Line("Recognition: " + ", ".join(a.title for a in awards)[:100], size=12, gap=18))
    lines.append(Line("Welcome to the alumni network.", size=12, gap=34))
    return render_pdf(lines, title=f"Term summary - {term.person.full_name}")
