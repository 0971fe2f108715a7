# usage: python3 scripts/rename-classes.tmp.py lw-hint lw-label ... ; special targets via lw-a=nhsuk-b
import re, sys, pathlib
SPECIAL = {'lw-inset': 'nhsuk-inset-text', 'lw-visually-hidden': 'nhsuk-u-visually-hidden'}
pairs = []
for arg in sys.argv[1:]:
    if '=' in arg: a, b = arg.split('='); pairs.append((a, b))
    else: pairs.append((arg, SPECIAL.get(arg, 'nhsuk-' + arg[3:])))
roots = ['link-worker-app/src', 'smart-app/src', 'web-kit/nhs.css', 'test', 'link-worker-app/test-support', 'smart-app/test-support']
files = []
for r in roots:
    p = pathlib.Path(r)
    files += [p] if p.is_file() else [f for f in p.rglob('*') if f.suffix in ('.ts', '.tsx', '.css') and 'node_modules' not in f.parts]
total = {}
for f in files:
    s = f.read_text(); o = s
    for a, b in pairs:
        s, n = re.subn(r'(?<![\w-])' + re.escape(a) + r'(?![\w-])', b, s)
        if n: total[a] = total.get(a, 0) + n
    if s != o: f.write_text(s)
print(total)
