"""A request class that decodes JSON bodies strictly, straight into the handler's msgspec schema."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.types import Empty

from carerlink.http.errors import BadRequestBody, field_of, message_without_path
from carerlink.i18n import _


class StrictRequest(Request[Any, Any, Any]):
    """Decode the body once, with ``strict=True``, into the type the handler's ``data`` declares.

    Litestar converts bodies with ``strict=False``, which turns ``"3"`` into ``3``; carerlink wants a
    wrong type to be an error that names the field. Malformed JSON or invalid UTF-8 → 400; a body that
    does not fit → 422.
    """

    async def json(self) -> Any:
        """Return the body decoded into the handler's data type (or plain JSON when it declares none)."""
        if self._json is not Empty:
            return self._json
        body = await self.body()
        try:
            # RFC 8259 §8.1: JSON between systems is UTF-8. msgspec checks only the strings it decodes
            # (and raises UnicodeDecodeError there), so the whole body is checked once, up front.
            body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequestBody(
                _("The request body is not valid UTF-8 text."), field=None, malformed=True
            ) from None
        if b"\\u0000" in body:
            # PostgreSQL text cannot hold NUL, and no field has a use for it.
            raise BadRequestBody(_("Text may not contain the NUL character."), field=None, malformed=False)
        data_field = self.route_handler.parsed_data_field
        target: Any = data_field.annotation if data_field is not None else Any
        try:
            value = msgspec.json.decode(body or b"null", type=target, strict=True)
        except msgspec.ValidationError as exc:
            message = str(exc)
            raise BadRequestBody(
                message_without_path(message), field=field_of(message), malformed=False
            ) from None
        except msgspec.DecodeError:
            raise BadRequestBody(
                _("The request body is not valid JSON."), field=None, malformed=True
            ) from None
        self._json = self._connection_state.json = value
        return value
