## Printed tables (XLSX): the page header and footer, units in number formats.

# right of the page header: the date the report is for
print-date = as of { $date }
# right of the page footer; $page and $pages are Excel's page fields (&P, &N)
print-page = page { $page } of { $pages }
# after hours in a cell: «1.8 h»
print-hours = h
