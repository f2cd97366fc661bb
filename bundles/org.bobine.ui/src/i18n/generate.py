#!/usr/bin/env python3
"""Writes the message catalogues (src/main/resources/i18n/messages_<tag>.properties) from the tables beside this
script. The catalogues are the files the bundle reads; these tables are where translators edit them."""
import os
from en import EN
from romance import FR, ES, IT, PT_BR, CA
from germanic import DE, NL, SV, EO
from others import CS, RU, JA, ZH_HANS, ZH_HANT

TABLES = {"en": EN, "fr": FR, "de": DE, "es": ES, "it": IT, "pt-BR": PT_BR, "nl": NL, "ca": CA, "cs": CS,
          "eo": EO, "ja": JA, "zh-Hans": ZH_HANS, "zh-Hant": ZH_HANT, "sv": SV, "ru": RU}

def escape(value):
    return value.replace("\\", "\\\\").replace("\n", "\\n")

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "main", "resources", "i18n")
os.makedirs(out, exist_ok=True)
for tag, table in TABLES.items():
    with open(os.path.join(out, "messages_" + tag + ".properties"), "w", encoding="utf-8") as f:
        f.write("# Bobine's pages, " + tag + ". UTF-8. Generated from src/i18n/*.py by src/i18n/generate.py.\n")
        for key in sorted(table):
            f.write(key + " = " + escape(table[key]) + "\n")
