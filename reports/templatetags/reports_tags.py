"""Number formatting for the reports' pages."""

from django import template
from django.utils import numberformat
from django.utils.formats import get_format

register = template.Library()


@register.filter
def grouped(value):
    """A whole number with its thousands separated the local way (201.600 in Vietnamese, 201,600 in
    English). Django's Vietnamese format defines the separator but no grouping, so it is forced here."""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=0,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
