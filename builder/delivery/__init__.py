"""Per-delivery outputs (`output/<lang>/<module>/deliveries/<id>/`): the notice with date, venue
and organiser, the dated agenda, the sign-in sheet, the certificate of attendance and one
results-entry workbook per quiz form."""
