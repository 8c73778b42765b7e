"""Measuring and pagination: text measured with real font metrics, slides paginated into boxes."""
