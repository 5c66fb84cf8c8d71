"""Turning existing articles (plain text, Markdown, HTML) into structured, reviewable drafts."""
