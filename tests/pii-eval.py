#!/usr/bin/env python3
"""pii-eval: measure scrub's redact-pii against labelled vectors.

Builds one sentence of free text per labelled value (the value inside a
BC-like phrase), runs every sentence through `scrub` with a redact-pii
rule, and prints per kind:

  recall   the value is gone: the phrase around it is intact and what
           replaced it holds no letter or digit outside a [MARKER]
  marker   the value became exactly its kind's marker

and the false-positive rate on a generated negative set of BC-like text
(document, entry and item numbers, amounts, dates, times, percentages,
addresses with house numbers and post codes, and the shapes a hostile
review found redacted): a negative string is a false positive when
scrub changes it at all.

The vectors are tests/pii-vectors (see its README): libphonenumber's
example numbers, written out in the national and international forms
people use; isemail's valid addresses; python-stdnum's IBAN, EU VAT and
national person number lists.  Card numbers and the national numbers
python-stdnum has no list for are generated here with their check
digits (a fixed seed, so every run is the same), and so are the shapes
the review found missed (review_cases), reported apart as well.

usage: pii-eval.py [--bin DIR] [--floors K=V,...] [--speed-mb N]
With --floors, exit 1 when a figure is below its floor (K is a kind,
or fp for the highest false-positive rate allowed, in percent).
"""
import argparse
import csv
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VEC = os.path.join(TOP, "tests", "pii-vectors")
KINDS = ["email", "iban", "card", "ip", "vat", "id", "phone"]
MARKER = {"email": "[EMAIL]", "iban": "[IBAN]", "card": "[CARD]",
          "ip": "[IP]", "vat": "[VAT]", "id": "[ID]", "phone": "[PHONE]"}
TARGET = {"email": 0.99, "iban": 0.99, "card": 0.99, "ip": 0.99,
          "vat": 0.99, "id": 0.99, "phone": 0.97}
FP_TARGET = 0.5		# percent of the negative strings

# Phrases around a value: no digits, nothing a detector could take.
PHRASES = [
    "{}",
    "Customer called from {} about the invoice",
    "new contact: {}.",
    "Kunden ringte, {} i morgen",
    "Sent reminder to {}; no answer yet",
    "Bitte an {} weiterleiten",
    "see {}, then close the case",
    "Contact person changed to {} per e-mail",
]
# Phrases that name a phone number (for digits written solid).
PHONE_CUES = ["Tel. {}", "phone: {} (after five)", "Mobil {}",
              "call back on {} today", "Tlf.: {}"]


def rng(tag):
    return random.Random("custanon-pii-eval-" + tag)


# --- phone numbers --------------------------------------------------------

def split(d, sizes):
    """d cut into groups of sizes (the last size repeats); a short tail
    joins the last group."""
    out, i, k = [], 0, 0
    while i < len(d):
        n = sizes[min(k, len(sizes) - 1)]
        out.append(d[i:i + n])
        i += n
        k += 1
    if len(out) > 1 and len(out[-1]) < 2:
        tail = out.pop()
        out[-1] += tail
    return out


SCHEMES = [[3, 3, 4], [2, 2], [3, 4], [2, 3, 3], [4, 3], [3, 2, 2], [4, 4]]


def grouped(d, k, sep=" "):
    return sep.join(split(d, SCHEMES[k % len(SCHEMES)]))


def phone_forms(rows):
    """(value, phrase) pairs: each example number in two international
    and two national forms, the forms taken in turn."""
    out = []
    r = rng("phone")
    ki = kn = 0
    for row in rows:
        cc = row["country_code"]
        nsn = row["example_national_significant_number"]
        pre = row["national_prefix"]
        ext = str(r.randint(1, 9999))
        intl = [
            "+%s %s" % (cc, grouped(nsn, ki)),
            "+%s%s" % (cc, nsn),
            "+%s-%s" % (cc, grouped(nsn, ki + 1, "-")),
            "00%s %s" % (cc, grouped(nsn, ki + 2)),
            "+%s %s ext. %s" % (cc, grouped(nsn, ki + 3), ext),
            "+%s (%s) %s" % (cc, nsn[:2], grouped(nsn[2:], ki))
            if len(nsn) >= 8 else "+%s %s" % (cc, nsn),
            "+%s.%s" % (cc, grouped(nsn, ki + 1, ".")),
        ]
        if pre == "0":
            intl.append("+%s (0)%s" % (cc, grouped(nsn, ki + 4)))
        for j in range(2):
            out.append((intl[(ki + j) % len(intl)], PHRASES[ki % len(PHRASES)]))
            ki += 1
        if pre == "1":			# NANP: written without the 1
            d = nsn
        else:
            d = pre + nsn
        if len(d) < 7:
            continue
        if len(d) == 10 and pre == "1":
            nat = ["(%s) %s-%s" % (d[:3], d[3:6], d[6:]),
                   "%s-%s-%s" % (d[:3], d[3:6], d[6:]),
                   "%s.%s.%s" % (d[:3], d[3:6], d[6:]),
                   "(%s)%s-%sx%s" % (d[:3], d[3:6], d[6:], ext),
                   "%s-%s-%s ext. %s" % (d[:3], d[3:6], d[6:], ext),
                   "1-%s-%s-%s" % (d[:3], d[3:6], d[6:]),
                   d]
        else:
            nat = [grouped(d, kn), grouped(d, kn + 1, "-"),
                   grouped(d, kn + 2, "."),
                   "(%s) %s" % (d[:3], grouped(d[3:], kn + 3)),
                   "%s x%s" % (grouped(d, kn + 4), ext),
                   "%s/%s" % (d[:4], d[4:])]
            nat.append(d)		# solid: named when short, see below
        for j in range(2):
            v = nat[(kn + j) % len(nat)]
            ph = PHRASES[(kn + j) % len(PHRASES)]
            if v == d and not (d[0] == "0" or len(d) >= 10):
                ph = PHONE_CUES[kn % len(PHONE_CUES)]
            out.append((v, ph))
            kn += 1
    # the examples
    for v in ["312-555-0187x4412", "(646)555-0142x019", "611 234 567",
              "81 555 012", "2125550147", "312-555-0187 ext. 4412",
              "+45 99 99 00 20", "(415) 555-0132", "+44 (20) 7123 4567",
              "09-7625400", "090-1234-5678", "+55 11 98456 5666",
              "+30 21 0 1234567", "+33 1 42 68 53 00"]:
        out.append((v, PHRASES[len(out) % len(PHRASES)]))
    return out


# --- cards ----------------------------------------------------------------

def luhn_digit(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        v = int(c)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return str((10 - s % 10) % 10)


def card_values():
    r = rng("card")
    brands = [("6759", range(12, 20)), ("50", range(12, 20)),
              ("4", [13, 16, 19]), ("51", [16]), ("55", [16]),
              ("2221", [16]), ("34", [15]), ("37", [15]),
              ("6011", range(16, 20)), ("35", range(16, 20)),
              ("36", [14]), ("62", range(16, 20)), ("63", range(12, 20))]
    out = []
    for k in range(480):
        pre, lens = brands[k % len(brands)]
        n = list(lens)[r.randrange(len(lens))]
        body = pre + "".join(r.choice("0123456789")
                             for _ in range(n - len(pre) - 1))
        d = body + luhn_digit(body)
        form = k % 4
        if form == 1:
            v = " ".join(split(d, [4]))
        elif form == 2:
            v = "-".join(split(d, [4]))
        elif form == 3 and n == 15:
            v = "%s %s %s" % (d[:4], d[4:10], d[10:])
        else:
            v = d
        out.append(v)
    out.append("675920814174")
    return out


# --- IP addresses ---------------------------------------------------------

def ip_values():
    r = rng("ip")
    out = []
    for k in range(200):
        out.append(".".join(str(r.randint(0, 255)) for _ in range(4)))
    for k in range(100):
        g = ["%x" % r.randint(0, 0xffff) for _ in range(8)]
        form = k % 4
        if form == 0:
            out.append(":".join(g))
        elif form == 1:
            out.append(":".join(g[:3]) + "::" + ":".join(g[6:]))
        elif form == 2:
            out.append("2001:db8::" + g[7])
        else:
            out.append("::ffff:%d.%d.%d.%d" % tuple(
                r.randint(0, 255) for _ in range(4)))
    return out


# --- e-mail ---------------------------------------------------------------

EMAIL_OK = ("ISEMAIL_VALID_CATEGORY", "ISEMAIL_RFC5321", "ISEMAIL_DNSWARN")


def email_values():
    t = ET.parse(os.path.join(VEC, "isemail", "tests.xml"))
    out = []
    for te in t.getroot().iter("test"):
        if te.findtext("category") in EMAIL_OK:
            out.append(te.findtext("address") or "")
    r = rng("email")
    names = ["kari.nordmann", "ola", "j.doe+news", "anna_maria", "x",
             "support-team", "b.o'neil"]
    doms = ["example.com", "mail.example.org", "firma.dk", "bank.co.uk",
            "xn--bcher-kva.example"]
    for k in range(60):
        out.append(names[k % len(names)] + "@" + doms[r.randrange(5)])
    return out


# --- python-stdnum lists ----------------------------------------------------

def stdnum_blocks():
    with open(os.path.join(VEC, "python-stdnum",
                           "stdnum-number-lists.json")) as f:
        return json.load(f)["blocks"]


def stdnum_values(blocks, module, expect="valid"):
    out = []
    for b in blocks:
        if b["file"] == "test_%s.doctest" % module and \
                b["expect"].startswith(expect):
            out.extend(b["values"])
    return out


# --- national person numbers (generated with their check digits) ------------

def dates(r):
    y = r.randint(1930, 2015)
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    return y, m, d


def gen_ids():
    r = rng("id")
    out = []
    # Danish CPR: DDMMYY-SSSS, the 7th digit and the year give the century
    for k in range(40):
        y, m, d = dates(r)
        s7 = "4" if y >= 2000 else str(r.choice([0, 1, 2, 3]))
        ser = s7 + "%03d" % r.randint(0, 999)
        v = "%02d%02d%02d-%s" % (d, m, y % 100, ser)
        out.append(("dk_cpr", v))
    # Finnish henkilötunnus: DDMMYYCZZZQ, Q = mod 31 of DDMMYYZZZ
    chars = "0123456789ABCDEFHJKLMNPRSTUVWXY"
    for k in range(40):
        y, m, d = dates(r)
        z = "%03d" % r.randint(2, 899)
        q = chars[int("%02d%02d%02d%s" % (d, m, y % 100, z)) % 31]
        c = "-" if y < 2000 else "A"
        out.append(("fi_hetu", "%02d%02d%02d%s%s%s" % (d, m, y % 100, c, z, q)))
    # Dutch BSN: 9 digits, sum of 9..2 weights minus the last = 0 mod 11
    while len([1 for t, _ in out if t == "nl_bsn"]) < 40:
        d = "%08d" % r.randint(10000000, 99999999)
        s = sum(int(c) * w for c, w in zip(d, range(9, 1, -1)))
        last = s % 11
        if last == 10:
            continue
        v = d + str(last)
        k = len(out)
        out.append(("nl_bsn", v if k % 2 else "%s.%s.%s" % (v[:4], v[4:6], v[6:])))
    # UK National Insurance number: two letters, six digits, A-D
    pre1 = "ABCEGHJKLMNOPRSTWXYZ"
    pre2 = "ABCEGHJKLMNPRSTWXYZ"
    for k in range(40):
        p = r.choice(pre1) + r.choice(pre2)
        if p in ("GB", "BG", "NK", "KN", "TN", "NT", "ZZ"):
            p = "AB"
        dg = "%06d" % r.randint(0, 999999)
        s = r.choice("ABCD")
        v = p + dg + s if k % 2 else "%s %s %s %s %s" % (
            p, dg[:2], dg[2:4], dg[4:], s)
        out.append(("gb_nino", v))
    # US SSN: AAA-GG-SSSS, area not 000, 666 or 9xx; group, serial not 0
    for k in range(40):
        a = r.randint(1, 899)
        if a == 666:
            a = 667
        v = "%03d-%02d-%04d" % (a, r.randint(1, 99), r.randint(1, 9999))
        out.append(("us_ssn", v))
    # Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter)
    letters = "TRWAGMYFPDXBNJZSQVHLCKE"
    for k in range(40):
        if k % 2:
            n = r.randint(0, 99999999)
            out.append(("es_dni", "%08d%s" % (n, letters[n % 23])))
        else:
            p = r.randrange(3)
            n = r.randint(0, 9999999)
            full = int("%d%07d" % (p, n))
            out.append(("es_nie", "%s%07d%s" % ("XYZ"[p], n, letters[full % 23])))
    # Belgian national number: YY.MM.DD-SSS.CC, CC = 97 - (YYMMDDSSS mod 97)
    for k in range(40):
        y, m, d = dates(r)
        s = "%03d" % r.randint(1, 997)
        base = "%02d%02d%02d%s" % (y % 100, m, d, s)
        n = int(base) if y < 2000 else int("2" + base)
        cc = 97 - n % 97
        v = "%02d.%02d.%02d-%s.%02d" % (y % 100, m, d, s, cc) if k % 2 \
            else base + "%02d" % cc
        out.append(("be_nn", v))
    return out


# --- the negative set -------------------------------------------------------

def negatives(n):
    r = rng("negatives")
    streets = ["Storgata", "Hauptstraße", "Rue de Rivoli", "Vesterbrogade",
               "Kungsgatan", "Calle Mayor", "Via Roma", "Keizersgracht",
               "Main Street", "Mannerheimintie", "Avenida da Liberdade"]
    cities = [("Oslo", "%04d"), ("Berlin", "%05d"), ("Paris", "%05d"),
              ("København V", "%04d"), ("Stockholm", "%03d %02d"),
              ("Madrid", "%05d"), ("Roma", "%05d"), ("Amsterdam", "%04d CJ"),
              ("Helsinki", "%05d"), ("Lisboa", "1%03d-%03d"),
              ("Springfield, IL", "%05d")]

    def num(lo, hi):
        return str(r.randint(lo, hi))

    def amount():
        v = r.randint(1, 99999999) / 100
        k = r.randrange(6)
        if k == 0:
            return "{:,.2f}".format(v)
        if k == 1:
            return "{:,.2f}".format(v).replace(",", "X").replace(
                ".", ",").replace("X", ".")
        if k == 2:
            return "{:,.2f}".format(v).replace(",", " ").replace(".", ",")
        if k == 3:
            return "%.2f" % v
        if k == 4:
            return "-{:,.2f}".format(v)
        return "{:,.2f}".format(v).replace(",", "'")

    def ean13():
        d = "57" + "".join(r.choice("0123456789") for _ in range(10))
        c = (10 - sum(int(x) * (3 if i % 2 else 1)
                      for i, x in enumerate(d)) % 10) % 10
        return d + str(c)

    def kid():
        d = "".join(r.choice("0123456789") for _ in range(r.randint(9, 14)))
        return d + luhn_digit(d)

    def rfref():
        ref = "".join(r.choice("0123456789") for _ in range(12))
        n = int(ref + "271500")		# R = 27, F = 15, check 00
        ref = "RF%02d%s" % (98 - n % 97, ref)
        return " ".join(ref[i:i + 4] for i in range(0, len(ref), 4))

    def date():
        y, m, d = r.randint(2000, 2030), r.randint(1, 12), r.randint(1, 28)
        return r.choice(["%04d-%02d-%02d" % (y, m, d),
                         "%02d.%02d.%04d" % (d, m, y),
                         "%02d/%02d/%04d" % (m, d, y),
                         "%02d-%02d-%04d" % (d, m, y),
                         "%02d.%02d.%02d" % (d, m, y % 100),
                         "%04d%02d%02d" % (y, m, d)])

    def time_():
        h, m, s = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
        return r.choice(["%02d:%02d" % (h, m), "%02d:%02d:%02d" % (h, m, s),
                         "%d:%02d PM" % (h % 12 + 1, m),
                         "%02d.%02d-%02d.%02d" % (h, m, (h + 2) % 24, m)])

    def address():
        st = r.choice(streets)
        city, fmt = r.choice(cities)
        house = num(1, 250) + r.choice(["", "", "", "B"])
        pc = fmt % tuple(r.randint(1, 10 ** int(f[-2]) - 1)
                         for f in re.findall(r"%0\dd", fmt))
        return r.choice(["%s %s, %s %s" % (st, house, pc, city),
                         "%s %s %s %s" % (st, house, pc, city),
                         "%s %s\n%s %s" % (st, house, pc, city)])

    makers = [
        lambda: "Invoice SI-%s posted" % num(100000, 109999),
        lambda: "Posted Sales Invoice PSI%s" % ("00" + num(100000, 199999)),
        lambda: "Order S-ORD%s shipped, %s pcs" % (num(101001, 109999),
                                                   num(1, 500)),
        lambda: "Credit memo PCM-%s for invoice %s" % (num(1000, 9999),
                                                       num(100000, 109999)),
        lambda: "Applied entry %s to SI-%s on %s for %s" % (
            num(1, 9999999), num(100000, 109999), date(), amount()),
        lambda: "Amount %s %s" % (amount(), r.choice(["EUR", "DKK", "USD",
                                                        "NOK", "SEK", ""])),
        lambda: "Beløb %s kr. forfalder %s" % (amount(), date()),
        lambda: "Total %s incl. %s %% VAT" % (amount(), r.choice(
            ["25", "19", "7", "12,5", "8.1", "21"])),
        lambda: "Discount %s%% until %s" % (num(1, 50), date()),
        lambda: "Due %s %s" % (date(), time_()),
        lambda: "Posted %s at %s by ADMIN" % (date(), time_()),
        lambda: "Entry No. %s, G/L Account %s" % (num(1, 99999999),
                                                   num(1000, 9999)),
        lambda: "Cust. Ledger Entry %s closed by entry %s" % (
            num(1, 9999999), num(1, 9999999)),
        lambda: "Item %s, %s pcs at %s" % (
            r.choice(["1896-S", "1920-S", "70000", "LS-150", "1000",
                      "70010", "80100", "2000-S"]), num(1, 999), amount()),
        lambda: "Lot LOT%s, serial SN-%s" % (num(1000000, 9999999),
                                             num(100000, 999999)),
        lambda: "Ship to %s" % address(),
        lambda: "moved to %s" % address(),
        lambda: "Period %s-%s, FY%s" % (num(2018, 2024), num(2025, 2030),
                                        num(2020, 2030)),
        lambda: "Qty %s x %s = %s" % (num(1, 500), amount(), amount()),
        lambda: "Payment terms %s days, %s%% discount" % (num(7, 60),
                                                           num(1, 5)),
        lambda: "Quote %s valid until %s, version %s.%s.%s" % (
            num(1000, 99999), date(), num(1, 20), num(0, 9), num(0, 99)),
        lambda: "Vendor invoice %s-%s, ref. PO %s" % (
            num(2020, 2030), num(1, 99999), num(104000, 109999)),
        lambda: "Reminder level %s, fee %s, interest %s %%" % (
            num(1, 3), amount(), r.choice(["1.5", "2,0", "8"])),
        lambda: "Bin W-%s-%s, zone %s" % (num(1, 99), num(1, 999),
                                          num(1, 20)),
        lambda: "Weight %s kg, volume %s m3" % (amount(), amount()),
        lambda: "Item %s, GTIN %s" % (num(1000, 99999), ean13()),
        lambda: "Betalt med KID %s" % kid(),
        lambda: "Payment ref. %s" % rfref(),
        lambda: "Upgraded to version %s.%s.%s.%s" % (
            num(20, 27), num(0, 5), num(10000, 49999), num(0, 99999)),
        lambda: "Credit limit raised to %s" % r.choice(
            ["{:,}".format(r.randint(1, 500) * 10000).replace(",", "."),
             "{:,}".format(r.randint(1, 500) * 10000).replace(",", " "),
             "{:,}".format(r.randint(1, 500) * 10000)]),
        lambda: "Opening hours %s, closed %s" % (time_(), date()),
        lambda: "Balance at date %s: %s, %s entries" % (
            date(), amount(), num(1, 99999)),
    ]
    out = []
    for k in range(n):
        out.append(makers[k % len(makers)]())
    return out


# --- the hostile review's shapes (values written here, synthetic) ----------

def de_vat_body(r):
    """Nine digits that pass the German VAT check (ISO 7064 mod 11,10)."""
    d = str(r.randint(1, 9)) + "".join(r.choice("0123456789")
                                       for _ in range(7))
    c = 10
    for x in d:
        c = (c + int(x)) % 10 or 10
        c = c * 2 % 11
    return d + str((11 - c) % 10)


def card_number(r):
    """A Luhn-valid card number of a length its issuer gives out."""
    pre, n = r.choice([("4", 16), ("4", 13), ("51", 16), ("55", 16),
                       ("2221", 16), ("34", 15), ("37", 15), ("6011", 16),
                       ("35", 16), ("6759", 12), ("50", 18), ("62", 19)])
    body = pre + "".join(r.choice("0123456789")
                         for _ in range(n - len(pre) - 1))
    return body + luhn_digit(body)


def review_cases():
    """(kind, subset, value, phrase, expected): the shapes a hostile review
    found missed.  expected is the marker text the value should become
    when it is not one marker: two numbers side by side become two."""
    r = rng("review")
    out = []

    def d(k, first="123456789"):
        return r.choice(first) + "".join(r.choice("0123456789")
                                         for _ in range(k - 1))

    # a card number with its expiry or security code after it, or before
    for k in range(40):
        c = card_number(r)
        v = c if k % 2 else " ".join(split(c, [4]))
        mm, yy = r.randint(1, 12), r.randint(26, 35)
        ph = ["Paid with {} %02d/%02d, receipt sent" % (mm, yy),
              "Card {} %02d/20%02d on file" % (mm, yy),
              "Kort {} %s, kunden ringer igen" % d(3),
              "Karte {} %02d %02d gespeichert" % (mm, yy),
              "Card %02d/%02d {} on file" % (mm, yy)][k % 5]
        out.append(("card", "review", v, ph, "[CARD]"))
    # two phone numbers side by side
    nat = [lambda: "6%s %s %s" % (d(2, "0123456789"), d(3, "0123456789"),
                                  d(3, "0123456789")),
           lambda: "%s %s %s %s" % (d(2, "2345789"), d(2), d(2), d(2)),
           lambda: "0171 %s" % d(7),
           lambda: "(415) 555-%s" % d(4, "0123456789"),
           lambda: "07700 9%s" % d(5, "0123456789"),
           lambda: "+45 %s %s %s %s" % (d(2, "2345789"), d(2), d(2), d(2)),
           lambda: "+34 6%s" % d(8, "0123456789")]
    seps = [" / ", "/", ", ", " - ", " og ", "; ", " or "]
    for k in range(42):
        a, b = nat[k % len(nat)](), nat[(k + 3 * (k // 7)) % len(nat)]()
        sep = seps[(k // len(nat)) % len(seps)]
        out.append(("phone", "review", a + sep + b, PHRASES[k % len(PHRASES)],
                    "[PHONE]" + sep + "[PHONE]"))
    # compound words that name a phone number before a bare national one
    cues = ["Telefonnummer {}", "Mobilnr. {}", "Tlf.nr {}", "Handynummer {}",
            "Mobilnummer: {}", "Telefoonnummer {}", "Faxnummer {}",
            "Rufnummer {}", "Puhelinnumero {}", "Mobiltelefon {}",
            "Tlf.nr.: {}", "Telefonnr {}"]
    for k in range(48):
        v = d(8) if k % 3 else d(9)
        out.append(("phone", "review-cue", v, cues[k % len(cues)],
                    "[PHONE]"))
    # a second e-mail address after / = | &
    names = ["kari.nordmann", "ola", "a.b", "support-team", "j_doe"]
    doms = ["example.com", "firma.dk", "mail.example.org", "x.dk"]
    for k in range(40):
        a = names[k % 5] + "@" + doms[k % 4]
        b = names[(k + 2) % 5] + "@" + doms[(k + 1) % 4]
        v, exp = [(a + "/" + b, "[EMAIL]/[EMAIL]"),
                  (a + "|" + b, "[EMAIL]|[EMAIL]"),
                  (a + "&" + b, "[EMAIL]&[EMAIL]"),
                  ("mail=" + a + "&cc=" + b, None),
                  (a + "=" + b, "[EMAIL]=[EMAIL]")][k % 5]
        out.append(("email", "review", v, PHRASES[k % len(PHRASES)], exp))
    return out


def review_negatives(n):
    """BC-like text of the shapes the review found redacted: 10-digit
    document numbers, item and serial numbers of several groups, dotted
    millions, four-part version numbers whose parts are all <= 255, and a
    lower-case two-letter word before a number that passes a VAT check."""
    r = rng("review-negatives")

    def num(lo, hi):
        return str(r.randint(lo, hi))

    def dg(k):
        return "".join(r.choice("0123456789") for _ in range(k))

    def padded():
        z = r.randint(2, 4)
        return r.choice("12") + "0" * z + dg(9 - z)

    def dotted():
        v = "{:,}".format(r.randint(1000000, 999999999))
        return v.replace(",", ".")

    makers = [
        lambda: "Order %s" % (num(1, 9) + dg(9)),
        lambda: "Invoice no. %s posted" % (num(1, 9) + dg(9)),
        lambda: "Posted document %s" % r.choice(["10000", "20000", "10200"])
        + dg(5),
        lambda: "Applied %s" % padded(),
        lambda: "SN %s-%s-%s" % (dg(4), dg(4), dg(4)),
        lambda: "Serial no. %s-%s-%s" % (dg(4), dg(4), dg(4)),
        lambda: "ITEM %s-%s-%s" % (num(1000, 9999), num(1000, 9999), dg(2)),
        lambda: "Item No. %s %s %s returned" % (num(1000, 9999), dg(4), dg(2)),
        lambda: "Artikelnummer %s-%s-%s" % (num(100, 999), dg(3), dg(4)),
        lambda: "Credit limit %s" % dotted(),
        lambda: "Turnover %s last year" % dotted(),
        lambda: "Total %s,%s" % (dotted(), dg(2)),
        lambda: "Client version %s.%s.%s.%s" % (num(1, 30), num(0, 9),
                                                num(0, 255), num(0, 255)),
        lambda: "Build %s.%s.%s.%s installed" % (num(1, 30), num(0, 9),
                                                 num(0, 255), num(0, 255)),
        lambda: "%s de %s" % (r.choice(["Pedido", "Factura", "Facture",
                                        "Commande"]), de_vat_body(r)),
    ]
    return [makers[k % len(makers)]() for k in range(n)]


# --- presidio's recognizer cases (reported beside, no target) --------------

def presidio_cases():
    """(recognizer, text, spans): spans empty for a must-not-fire case."""
    with open(os.path.join(VEC, "presidio",
                           "presidio-recognizer-cases.json")) as f:
        files = json.load(f)["files"]
    out = []
    for name, tests in files.items():
        kind = name[len("test_"):-len("_recognizer.py")]
        if kind == "url":
            continue		# not a kind redact-pii looks for
        for t in tests:
            for c in t["cases"]:
                text = c.get("text", c.get("iban"))
                spans = c.get("expected_positions", c.get("expected_res",
                                                          []))
                if c.get("leniency") is not None:
                    continue	# libphonenumber's leniency levels
                out.append((kind, text, [text[a:b] for a, b in spans]))
    return out


# --- running scrub ----------------------------------------------------------

def scrub(binary, texts, workdir):
    rules = os.path.join(workdir, "rules.csv")
    inp = os.path.join(workdir, "in.csv")
    with open(rules, "w") as f:
        f.write("column,action\nNo.,keep\nNote,redact-pii\n")
    with open(inp, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["No.", "Note"])
        for i, t in enumerate(texts):
            w.writerow([i, t])
    p = subprocess.run([binary, "--rules", rules, inp], capture_output=True)
    if p.returncode != 0:
        sys.exit("pii-eval: scrub failed: " + p.stderr.decode())
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"),
                                       newline="")))
    return [r[1] for r in rows[1:]]


PLACE = re.compile(r"\[(EMAIL|PHONE|IBAN|CARD|IP|VAT|ID|REDACTED)\]")


def judge(phrase, value, out, want, marker):
    """(removed, marker right) for value set in phrase, out scrubbed: the
    value is removed when no letter or digit of it is left outside a
    marker (but the words between two numbers of it: " og "); the
    marker is right when the value became want, or, when want is None,
    when no marker but the kind's (marker) is among what replaced it."""
    pre, post = phrase.split("{}")
    if not out.startswith(pre) or not out.endswith(post) or \
            len(out) < len(pre) + len(post):
        return False, False
    mid = out[len(pre):len(out) - len(post)]
    def left(t):
        return re.sub(r"[^0-9A-Za-z]", "", PLACE.sub("", t))
    # what is left of the value is the words between its numbers
    gone = left(mid) == ("" if want is None else left(want))
    if want is None:
        return gone, gone and marker in mid and not any(
            m != marker for m in re.findall(r"\[[A-Z]+\]", mid))
    return gone, mid == want


def timed(cmd, runs):
    """(best CPU seconds, best wall seconds) of cmd over runs runs: on a
    shared machine the best run is the one least slowed by the others."""
    cpu = wall = None
    for _ in range(runs):
        c0 = os.times()
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        dt = time.perf_counter() - t0
        c1 = os.times()
        dc = (c1.children_user - c0.children_user +
              c1.children_system - c0.children_system)
        cpu = dc if cpu is None else min(cpu, dc)
        wall = dt if wall is None else min(wall, dt)
    return cpu, wall


def speed(binary, workdir, mb, neg, pos):
    """(MB, CPU s, wall s, CPU s of the floor) of redact-pii over a
    generated file of BC-like free text: rows of four negative strings,
    one row in ten with a value of the positive set among them.  The
    floor is the same scrub with every column kept."""
    path = os.path.join(workdir, "speed.csv")
    rules = os.path.join(workdir, "rules.csv")
    keep = os.path.join(workdir, "keep.csv")
    with open(keep, "w") as f:
        f.write("column,action\nNo.,keep\nNote,keep\n")
    size = 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["No.", "Note"])
        i = 0
        while size < mb * 1000000:
            t = [neg[(i * 7 + j) % len(neg)] for j in range(4)]
            if i % 10 == 0:
                t[i % 4] = pos[(i // 10) % len(pos)]
            t = " ".join(t)
            w.writerow([i, t])
            size += len(t) + 10
            i += 1
    size = os.path.getsize(path)
    cpu, wall = timed([binary, "--rules", rules, path], 9)
    floor, _ = timed([binary, "--rules", keep, path], 5)
    return size / 1e6, cpu, wall, floor


def company_speed(binary, gencompany, workdir, customers):
    """(MB, CPU s, wall s) of redact-pii over the free-text columns that
    the job spec (pipelines/rules) gives redact-pii, as tools/gencompany
    fills them for CUSTOMERS customers: the issue's measure, on text as
    Business Central holds it (the file of speed() is denser: one row in
    ten holds a value, the others look-alikes)."""
    co = os.path.join(workdir, "company")
    subprocess.run([gencompany, "--customers", str(customers), "--out", co],
                   stdout=subprocess.DEVNULL, check=True)
    rulesdir = os.path.join(TOP, "pipelines", "rules")
    cols = {}
    for name in sorted(os.listdir(rulesdir)):
        if not name.endswith(".csv") or name in ("tables.csv", "checks.csv"):
            continue
        table = name[:-4]
        for side in (".sell-to", ".bill-to", ".customer"):
            if table.endswith(side):
                table = table[:-len(side)]
        with open(os.path.join(rulesdir, name), newline="") as f:
            for r in csv.DictReader(f):
                if r.get("action") == "redact-pii":
                    cols.setdefault(table, set()).add(
                        r["column"].lstrip("?"))
    path = os.path.join(workdir, "company-text.csv")
    with open(path, "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["No.", "Note"])
        i = 0
        for table, cs in sorted(cols.items()):
            src = os.path.join(co, table.replace("%", "%25")
                               .replace("/", "%2F") + ".csv")
            if not os.path.exists(src):
                continue
            with open(src, newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    for c in sorted(cs):
                        if r.get(c):
                            w.writerow([i, r[c]])
                            i += 1
    rules = os.path.join(workdir, "rules.csv")
    size = os.path.getsize(path)
    cpu, wall = timed([binary, "--rules", rules, path], 9)
    return size / 1e6, cpu, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(TOP, "bin"))
    ap.add_argument("--floors", default="")
    ap.add_argument("--speed-mb", type=float, default=0)
    ap.add_argument("--gencompany", default="")
    ap.add_argument("--customers", type=int, default=20000)
    ap.add_argument("--show-misses", type=int, default=0)
    a = ap.parse_args()
    binary = os.path.join(a.bin, "scrub")

    blocks = stdnum_blocks()
    cases = []			# (kind, subset, value, phrase[, expected])
    for v in email_values():
        cases.append(("email", "isemail", v, PHRASES[len(cases) % 8]))
    for v in stdnum_values(blocks, "iban"):
        cases.append(("iban", "stdnum", v, PHRASES[len(cases) % 8]))
    for v in card_values():
        cases.append(("card", "generated", v, PHRASES[len(cases) % 8]))
    for v in ip_values():
        cases.append(("ip", "generated", v, PHRASES[len(cases) % 8]))
    for v in stdnum_values(blocks, "eu_vat"):
        cases.append(("vat", "stdnum", v, PHRASES[len(cases) % 8]))
    for m in ["se_personnummer", "no_fodselsnummer", "it_codicefiscale"]:
        for v in stdnum_values(blocks, m):
            cases.append(("id", m, v, PHRASES[len(cases) % 8]))
    for m, v in gen_ids():
        cases.append(("id", m, v, PHRASES[len(cases) % 8]))
    with open(os.path.join(VEC, "libphonenumber",
                           "example-numbers.csv")) as f:
        prow = list(csv.DictReader(f))
    for v, ph in phone_forms(prow):
        cases.append(("phone", "libphonenumber", v, ph))
    cases += review_cases()
    cases = [c if len(c) == 5 else c + (MARKER[c[0]],) for c in cases]
    invalid = [("iban", v) for v in stdnum_values(blocks, "iban", "invalid")]
    invalid += [("vat", v) for v in stdnum_values(blocks, "eu_vat", "invalid")]
    neg0 = negatives(3000)
    neg = neg0 + review_negatives(600)
    pres = presidio_cases()

    texts = [ph.replace("{}", v) for _, _, v, ph, _ in cases]
    texts += [v for _, v in invalid]
    texts += neg
    texts += [t for _, t, _ in pres]
    with tempfile.TemporaryDirectory() as wd:
        outs = scrub(binary, texts, wd)
        spd = speed(binary, wd, a.speed_mb, neg, texts[:len(cases)]) \
            if a.speed_mb > 0 else None
        cspd = company_speed(binary, a.gencompany, wd, a.customers) \
            if a.speed_mb > 0 and a.gencompany else None

    figures = {}
    misses = {}
    print("%-8s %6s %8s %8s %8s" % ("kind", "cases", "recall", "marker",
                                     "target"))
    for kind in KINDS:
        n = gone = right = 0
        for (k, sub, v, ph, want), out in zip(cases, outs):
            if k != kind:
                continue
            g, m = judge(ph, v, out, want, MARKER[kind])
            n += 1
            gone += g
            right += m
            if not g or not m:
                misses.setdefault(kind, []).append((sub, v, out))
        rec = gone / n if n else 0
        figures[kind] = rec
        print("%-8s %6d %8.4f %8.4f %8s" % (kind, n, rec, right / n,
                                            ">= %.2f" % TARGET[kind]))
    base = len(cases)
    for kind in ("iban", "vat"):
        vals = [(i, v) for i, (k, v) in enumerate(invalid) if k == kind]
        marked = sum(1 for i, v in vals
                     if MARKER[kind] in outs[base + i])
        same = sum(1 for i, v in vals if outs[base + i] == v)
        print("%s invalid (python-stdnum): %d, marked %s: %d, unchanged: %d"
              % (kind, len(vals), MARKER[kind], marked, same))
    for sub in sorted(set(c[1] for c in cases if c[0] == "id")):
        rows = [(c, o) for c, o in zip(cases, outs) if c[1] == sub]
        print("  id %-18s %3d  %.4f" % (sub, len(rows), sum(
            judge(c[3], c[2], o, c[4], "[ID]")[0] for c, o in rows) /
            len(rows)))
    for kind in KINDS:
        rows = [(c, o) for c, o in zip(cases, outs)
                if c[0] == kind and c[1].startswith("review")]
        if rows:
            gone = sum(judge(c[3], c[2], o, c[4], MARKER[kind])[0]
                       for c, o in rows)
            print("  %-5s the review's shapes %3d  %.4f" % (
                kind, len(rows), gone / len(rows)))
    base += len(invalid)
    pouts = outs[base + len(neg):]
    pos = {}
    for (kind, t, spans), o in zip(pres, pouts):
        if spans:
            ok = o != t and not any(
                len(re.sub(r"[^0-9A-Za-z]", "", sp)) >= 4 and sp in o
                for sp in spans)
            pos.setdefault(kind, [0, 0, 0, 0])[0] += ok
            pos[kind][1] += 1
        else:
            pos.setdefault(kind, [0, 0, 0, 0])[2] += o == t
            pos[kind][3] += 1
    print("presidio's cases (beside the targets): " + ", ".join(
        "%s %d/%d found, %d/%d left alone" % (k, v[0], v[1], v[2], v[3])
        for k, v in sorted(pos.items())))
    fps = [(t, o) for t, o in zip(neg, outs[base:]) if t != o]
    fp = 100.0 * len(fps) / len(neg)
    figures["fp"] = fp
    print("negative %d strings: %d changed, false positives %.2f %% "
          "(target <= %.1f %%)" % (len(neg), len(fps), fp, FP_TARGET))
    rev = [(t, o) for t, o in zip(neg[len(neg0):], outs[base + len(neg0):])
           if t != o]
    print("  of which the review's shapes: %d strings, %d changed" % (
        len(neg) - len(neg0), len(rev)))
    if spd is not None:
        figures["mbs"] = spd[0] / spd[1]
        print("speed: scrub redact-pii on %.1f MB of BC-like free text "
              "and look-alikes: %.3f s CPU, %.0f MB/s (wall %.3f s, best of "
              "9; the same scrub keeping the column: %.0f MB/s)"
              % (spd[0], spd[1], spd[0] / spd[1], spd[2], spd[0] / spd[3]))
    if cspd is not None:
        figures["company_mbs"] = cspd[0] / cspd[1]
        print("speed: scrub redact-pii on the free-text columns of a "
              "gencompany company of %d customers, %.1f MB: %.3f s CPU, "
              "%.0f MB/s (target >= 50; wall %.3f s, best of 9)"
              % (a.customers, cspd[0], cspd[1], cspd[0] / cspd[1], cspd[2]))
    if a.show_misses:
        for kind, ms in misses.items():
            for sub, v, o in ms[:a.show_misses]:
                print("miss or other marker %s %s: %r -> %r" % (kind, sub,
                                                              v, o))
        for t, o in fps[:a.show_misses]:
            print("fp: %r -> %r" % (t, o))

    bad = []
    for kv in filter(None, a.floors.split(",")):
        k, v = kv.split("=")
        if k == "fp":
            if figures["fp"] > float(v):
                bad.append("false positives %.2f %% > %s %%" % (fp, v))
        elif figures[k] < float(v):
            bad.append("%s recall %.4f < %s" % (k, figures[k], v))
    for b in bad:
        print("pii-eval: below floor: " + b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
