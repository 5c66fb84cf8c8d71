"""Turning existing articles (plain text for now) into structured, reviewable drafts."""
