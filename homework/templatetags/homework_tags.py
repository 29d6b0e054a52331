from django import template

from homework.text import render_markdown

register = template.Library()


@register.filter
def markdown_safe(text: str):
    return render_markdown(text)
