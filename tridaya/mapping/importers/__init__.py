"""Survey forms and their importers: form specs (spec.py, household_form.py, forms.py), the
XLSForm builder (xlsform.py), export readers (readers.py), column mapping and parsing
(parse.py), fast writers (bulk.py), and each form's importer (households.py, rows.py). The
service that runs an import is tridaya/mapping/services/surveys.py."""
