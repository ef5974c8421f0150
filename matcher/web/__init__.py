"""What every page shares and no audience owns: the access guard and record loaders, error
pages, security headers, the input guard, template filters, form fields, the front page.
"""
