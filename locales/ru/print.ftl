## Printed tables (XLSX): the page header and footer, units in number formats.

# right of the page header: the date the report is for
print-date = на { $date }
# right of the page footer; $page and $pages are Excel's page fields (&P, &N)
print-page = стр. { $page } из { $pages }
# after hours in a cell: «1,8 ч»
print-hours = ч
