# Drops top-level rules in a CSS file whose selectors name only nhsuk- classes (the package provides them).
import re, sys
path = sys.argv[1]
s = open(path).read()
out, i, dropped = [], 0, []
while i < len(s):
    j = s.find('{', i)
    if j < 0: out.append(s[i:]); break
    depth, k = 0, j
    while True:
        if s[k] == '{': depth += 1
        elif s[k] == '}':
            depth -= 1
            if depth == 0: break
        k += 1
    pre = s[i:j]
    # keep leading comments/whitespace
    m = re.match(r'(\s*(?:/\*.*?\*/\s*)*)(.*)$', pre, re.S)
    lead, sel = m.group(1), m.group(2).strip()
    block = s[i:k+1]
    if not sel.startswith('@') and 'nhsuk-' in sel and 'lw-' not in sel and all(re.search(r'\.nhsuk-', x) for x in sel.split(',')):
        dropped.append(sel.replace('\n', ' ')); out.append(lead.rstrip() and lead)
    else:
        out.append(block)
    i = k + 1
res = ''.join(out)
res = re.sub(r'\n{3,}', '\n\n', res)
open(path, 'w').write(res)
print('\n'.join(dropped))
