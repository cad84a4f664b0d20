"""The API's JSON parser: DRF's, except that JSON nested too deeply for Python's parser is a
400 like any other malformed JSON instead of a RecursionError (a 500)."""

from __future__ import annotations

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - lists or objects are nested too deeply") from None
