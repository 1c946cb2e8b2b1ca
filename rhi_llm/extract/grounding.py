"""Quotes checked while a model's answer is validated, so that instructor re-asks for an exact
copy when a quote is not in the letter (the base of every response model, see
`rhi_llm.extract.response_models`)."""

from __future__ import annotations

from contextvars import ContextVar
from string import Template

from pydantic import ValidationInfo, model_validator

from rhi_llm.core.strict_schema import StrictModel
from rhi_llm.quotes import loose

# The letter a response is being validated against, set by the model backend around each
# request (a context variable, so concurrent requests each see their own letter). It is not
# passed to instructor as ``context=``: instructor would also render the messages as Jinja
# templates with it, and a letter's text must reach the model exactly as written.
GROUNDING: ContextVar[dict[str, str] | None] = ContextVar("rhi_llm_grounding", default=None)


class GroundedResponse(StrictModel):
    """A response whose quotes, while a letter is set in `GROUNDING` (or given as validation
    context: ``{"letter": text, "reask": template}``), must stand in that letter; otherwise the
    validation error (sent back to the model by instructor) asks for an exact copy."""

    @model_validator(mode="after")
    def _quotes_are_in_the_letter(self, info: ValidationInfo) -> GroundedResponse:
        context = info.context if isinstance(info.context, dict) else GROUNDING.get()
        if not context or "letter" not in context:
            return self
        letter = context.get("loose_letter") or loose(str(context["letter"]))
        template = str(context.get("reask") or "The quote for ${field} is not in the letter.")
        problems: list[str] = []
        for name in type(self).model_fields:
            held = getattr(self, name)
            for answer in held if isinstance(held, list) else [held]:
                quote = getattr(answer, "quote", None)
                field = getattr(getattr(answer, "field", None), "value", name)
                if isinstance(quote, str) and quote.strip() and loose(quote) not in letter:
                    problems.append(Template(template).safe_substitute(field=field, quote=quote))
        if problems:
            raise ValueError("\n".join(problems))
        return self
