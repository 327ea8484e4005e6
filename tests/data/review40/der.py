"""Minimal DER reader/writer for review 40's differential harness."""


def enc_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + enc_len(len(content)) + content


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def parse(buf, off=0):
    """(tag, header_len, content_len) of the element at off."""
    tag = buf[off]
    l = buf[off + 1]
    if l < 0x80:
        return tag, 2, l
    n = l & 0x7F
    return tag, 2 + n, int.from_bytes(buf[off + 2 : off + 2 + n], "big")


def children(raw):
    tag, h, l = parse(raw)
    body = raw[h : h + l]
    out, off = [], 0
    while off < len(body):
        t, hh, ll = parse(body, off)
        out.append(body[off : off + hh + ll])
        off += hh + ll
    return out


def content(raw):
    tag, h, l = parse(raw)
    return raw[h : h + l]


def elements(raw, base=0, path=()):
    """Every element (offset, header_len, content_len, path) of raw, descending into
    constructed ones and into OCTET/BIT STRINGs that hold DER."""
    out = []
    off = 0
    while off < len(raw):
        try:
            t, h, l = parse(raw, off)
        except IndexError:
            break
        if off + h + l > len(raw):
            break
        out.append((base + off, h, l, path))
        body = raw[off + h : off + h + l]
        if t & 0x20:
            out += elements(body, base + off + h, path + (t,))
        off += h + l
    return out


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    body = b""
    vals = [arcs[0] * 40 + arcs[1]] + arcs[2:]
    for v in vals:
        tmp = [v & 0x7F]
        v >>= 7
        while v:
            tmp.append(0x80 | (v & 0x7F))
            v >>= 7
        body += bytes(reversed(tmp))
    return tlv(0x06, body)


def ext(oid_s, critical, value):
    parts = [oid(oid_s)]
    if critical:
        parts.append(b"\x01\x01\xff")
    parts.append(tlv(0x04, value))
    return seq(*parts)
