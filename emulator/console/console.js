// fakeaws console. Served as a file (no inline script), talks only to
// /_fakeaws/* on the same origin, builds every element with textContent so
// nothing from a policy or a request is ever parsed as HTML.
'use strict';

const state = { operations: {}, operationsReady: null, world: null, labels: new Map(), explained: new Map(), open: new Set(), noting: new Set(), stepsKey: '', steps: [] };

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function append(parent, ...kids) { for (const k of kids) if (k) parent.appendChild(k); return parent; }
async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || res.status + ' ' + res.statusText);
  return body;
}
async function postForm(url, fields) {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || res.status + ' ' + res.statusText);
  return body;
}

// ---- names: merlin@emrys instead of a bare ARN ----
function accountLabel(id) {
  const a = state.world && state.world.accounts.find(x => x.id === id);
  return a && a.alias ? a.alias : id;
}
function labelFor(arn) {
  if (!arn) return '';
  if (state.labels.has(arn)) return state.labels.get(arn);
  let m = /^arn:aws:iam::(\d{12}):root$/.exec(arn);
  if (m) return 'root@' + accountLabel(m[1]);
  m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (m) return m[2] + '@' + accountLabel(m[1]) + ' (session ' + m[3] + ')';
  m = /^arn:aws:s3:::([^/]+)(\/.*)?$/.exec(arn);
  if (m) return m[1] + (m[2] || '');
  return arn;
}
function who(arn) {
  const span = el('span');
  const label = labelFor(arn);
  append(span, el('span', label, 'alias'));
  if (label !== arn) append(span, el('span', arn, 'sub arn'));
  return span;
}

// ---- tabs and tools ----
function showTab(name) {
  const tabs = ['decisions', 'whatif', 'chain', 'world'];
  if (!tabs.includes(name)) name = 'decisions';
  for (const t of tabs) document.getElementById(t).hidden = t !== name;
  for (const a of document.querySelectorAll('#tabs a')) {
    a.classList.toggle('active', a.dataset.tab === name);
    if (a.dataset.tab === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (name === 'chain') loadChain();
  if (name === 'world') renderWorld();
}
function setBig(on) {
  document.documentElement.classList.toggle('big', on);
  document.getElementById('bigger').setAttribute('aria-pressed', String(on));
  try { localStorage.setItem('fakeaws.big', on ? '1' : ''); } catch (e) { /* private mode */ }
}

// ---- the world ----
async function loadWorld() {
  state.world = await getJSON('/_fakeaws/world');
  state.labels.clear();
  for (const a of state.world.accounts) {
    for (const list of [a.users, a.groups, a.roles]) for (const e of list) state.labels.set(e.arn, e.label);
  }
  fillChoices();
  if (!document.getElementById('world').hidden) renderWorld();
}
function fillChoices() {
  const principals = document.getElementById('principals');
  const actions = document.getElementById('actions');
  const resources = document.getElementById('resources');
  const opt = (v, label) => { const o = el('option'); o.value = v; if (label) o.label = label; return o; };
  const ps = [], rs = [], acts = new Set(['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject',
    's3:ListAllMyBuckets', 'sts:AssumeRole', 'sts:TagSession', 'iam:CreateUser', 'iam:PassRole', 's3:GetObject, s3:PutObject, s3:ListBucket']);
  for (const a of state.world.accounts) {
    ps.push(opt(a.id, 'root@' + accountLabel(a.id)));
    for (const u of a.users) ps.push(opt(u.arn, u.label));
    for (const r of a.roles) { ps.push(opt(r.arn, r.label + ' (a session)')); rs.push(opt(r.arn, 'role ' + r.label)); }
    for (const b of a.buckets) {
      rs.push(opt('arn:aws:s3:::' + b.name, 'bucket ' + b.name));
      rs.push(opt('arn:aws:s3:::' + b.name + '/*', 'objects in ' + b.name));
    }
  }
  ps.push(opt('anonymous'));
  for (const p of Object.values(state.world.policies || {})) {
    try {
      const doc = JSON.parse(p.document);
      for (const s of [].concat(doc.Statement || [])) for (const a of [].concat(s.Action || [])) if (!a.includes('*')) acts.add(a);
    } catch (e) { /* not JSON: skip */ }
  }
  renderExamples();
  principals.replaceChildren(...ps);
  resources.replaceChildren(...rs);
  actions.replaceChildren(...[...acts].sort().map(a => opt(a)));
}
// exampleQuestions are what-if questions a class asks of this world: may
// each user assume each role, may each role's session read each bucket,
// may each user read another account's bucket with their own keys.
function exampleQuestions() {
  const qs = [], users = [], roles = [], buckets = [];
  for (const a of state.world.accounts) {
    for (const u of a.users) users.push(u);
    for (const r of a.roles) roles.push(r);
    for (const b of a.buckets) buckets.push({ name: b.name, account: a.id });
  }
  for (const u of users) for (const r of roles) {
    qs.push(['May ' + u.label + ' assume ' + r.label + '?', u.arn, 'sts:AssumeRole', r.arn]);
  }
  for (const r of roles) for (const b of buckets) {
    qs.push(['May a session of ' + r.label + ' read and write objects in ' + b.name + '?', r.arn, 's3:GetObject, s3:PutObject', 'arn:aws:s3:::' + b.name + '/*']);
  }
  for (const u of users) for (const b of buckets) {
    if (arnAccount(u.arn) !== b.account) qs.push(['May ' + u.label + ' read ' + b.name + ' with their own keys?', u.arn, 's3:GetObject', 'arn:aws:s3:::' + b.name + '/*']);
  }
  return qs.slice(0, 8);
}
function renderExamples() {
  const box = document.getElementById('examples');
  const qs = exampleQuestions();
  const buttons = qs.map(([text, principal, action, resource]) => {
    const b = el('button', text, 'example');
    b.type = 'button';
    b.addEventListener('click', () => {
      document.getElementById('xPrincipal').value = principal;
      document.getElementById('xAction').value = action;
      document.getElementById('xResource').value = resource;
      document.getElementById('xContext').value = '';
      fillOperations();
      explainForm(new Event('submit'));
    });
    return b;
  });
  box.replaceChildren(...(buttons.length ? [el('span', 'Try: ', 'muted'), ...buttons] : []));
}
// ---- Access Analyzer findings on a policy ----
// reindent lays out a JSON document two spaces per level, keeping its text
// (key order, escapes, numbers) as stored, and maps every character of the
// stored document (counted in code points, as finding positions are) to
// its offset in the laid-out text, so a finding's span can be marked there.
function reindent(raw) {
  const src = Array.from(raw);
  const map = new Array(src.length + 1);
  let text = '', depth = 0, inStr = false, esc = false, last = '';
  const nl = () => { text += '\n' + '  '.repeat(Math.max(depth, 0)); };
  const nextSig = i => { for (let j = i + 1; j < src.length; j++) if (!/\s/.test(src[j])) return src[j]; return ''; };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    map[i] = text.length;
    if (inStr) {
      text += c;
      if (esc) esc = false; else if (c === '\\') esc = true; else if (c === '"') inStr = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '}' || c === ']') {
      // A span ending here ends before the line break: map[i] stays.
      depth--;
      if (last !== '{' && last !== '[') nl();
    }
    text += c;
    last = c;
    if (c === '"') inStr = true;
    else if (c === '{' || c === '[') { depth++; if (nextSig(i) !== (c === '{' ? '}' : ']')) nl(); }
    else if (c === ',') nl();
    else if (c === ':') text += ' ';
  }
  map[src.length] = text.length;
  return { text, map };
}
// markedDocument is a <pre> with the document laid out and each finding's
// spans marked and numbered (the numbers of the findings list below it).
function markedDocument(doc, findings) {
  let text = doc || '', map = null;
  try { JSON.parse(text); ({ text, map } = reindent(text)); } catch (e) { /* shown as stored */ }
  const at = off => {
    if (map) return map[Math.max(0, Math.min(off, map.length - 1))];
    return Array.from(doc).slice(0, off).join('').length;
  };
  const spans = [];
  (findings || []).forEach((f, n) => {
    for (const loc of f.locations || []) {
      let a = at(loc.span.start.offset), b = at(loc.span.end.offset);
      if (b <= a) { b = Math.min(a + 1, text.length); a = Math.max(0, b - 1); } // an empty span: mark one character
      spans.push({ a, b, n, f });
    }
  });
  const pre = el('pre', undefined, 'doc');
  const cuts = [...new Set([0, text.length, ...spans.flatMap(s => [s.a, s.b])])].sort((x, y) => x - y);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const over = spans.filter(s => s.a <= a && b <= s.b);
    if (!over.length) { pre.appendChild(document.createTextNode(text.slice(a, b))); continue; }
    const mark = el('mark', text.slice(a, b), 'finding ' + over[0].f.findingType);
    mark.title = over.map(s => (s.n + 1) + ': ' + s.f.findingType + ' ' + s.f.issueCode).join('\n');
    pre.appendChild(mark);
    for (const s of over.filter(s => s.b === b)) pre.appendChild(el('sup', String(s.n + 1), 'fnum ' + s.f.findingType));
  }
  return pre;
}
function findingsList(findings) {
  const ol = el('ol', undefined, 'findings');
  for (const f of findings) {
    const li = el('li', undefined, 'finding ' + f.findingType);
    append(li, el('span', f.findingType, 'ftype'), el('code', f.issueCode), el('span', ' ' + f.findingDetails));
    if (f.learnMoreLink) {
      const a = el('a', 'learn more');
      a.href = f.learnMoreLink; a.target = '_blank'; a.rel = 'noopener';
      append(li, document.createTextNode(' '), a);
    }
    ol.appendChild(li);
  }
  return ol;
}
function findingsSummary(findings) {
  if (!findings || !findings.length) return '';
  const types = [...new Set(findings.map(f => f.findingType))].join(', ');
  return ' — Access Analyzer: ' + findings.length + (findings.length === 1 ? ' finding (' : ' findings (') + types + ')';
}
function policyBlock(title, doc, open, findings) {
  const det = el('details', undefined, 'policy');
  if (open) det.open = true;
  const summary = el('summary', title + findingsSummary(findings));
  if (findings && findings.length) { summary.classList.add('has-findings'); det.classList.add('has-findings'); }
  append(det, summary);
  if (findings && findings.length) append(det, findingsList(findings));
  append(det, plainStatements(doc), markedDocument(doc, findings));
  return det;
}
// ---- a policy in plain words, statement by statement ----
const list = v => [].concat(v === undefined ? [] : v);
function principalWords(p) {
  if (p === '*' || (p && p.AWS === '*')) return ['anyone (*)'];
  const out = [];
  for (const [kind, vals] of Object.entries(p || {})) {
    for (const v of list(vals)) {
      const m = /^(?:arn:aws:iam::)?(\d{12})(?::root)?$/.exec(v);
      if (kind === 'AWS' && m) out.push('account ' + accountLabel(m[1]) + (accountLabel(m[1]) !== m[1] ? ' (' + m[1] + ')' : ''));
      else if (kind === 'AWS') out.push(labelFor(v));
      else if (kind === 'Service') out.push('the AWS service ' + v);
      else if (kind === 'Federated') out.push('users signed in with ' + v);
      else out.push(kind + ' ' + v);
    }
  }
  return out;
}
function resourceWords(r) {
  const m = /^arn:aws:s3:::([^/]+)\/\*$/.exec(r);
  if (m) return 'every object in ' + m[1];
  if (/^arn:aws:s3:::[^/]+$/.test(r)) return 'the bucket ' + labelFor(r);
  return labelFor(r);
}
// plainStatements says what each statement of a policy document does, in
// words: who (for a trust or bucket policy), may or may not, which
// actions, on what, and whether conditions apply.
function plainStatements(doc) {
  let parsed;
  try { parsed = JSON.parse(doc); } catch (e) { return null; }
  const ul = el('ul', undefined, 'plain');
  list(parsed.Statement).forEach((st, i) => {
    const who = st.Principal !== undefined ? principalWords(st.Principal).join('; ') :
      st.NotPrincipal !== undefined ? 'everyone except ' + principalWords(st.NotPrincipal).join('; ') : '';
    const verb = st.Effect === 'Deny' ? 'may not' : 'may';
    const acts = st.NotAction !== undefined ? 'every action except ' + list(st.NotAction).join(', ') : list(st.Action).join(', ');
    const on = st.NotResource !== undefined ? 'everything except ' + list(st.NotResource).map(resourceWords).join(', ') :
      st.Resource !== undefined ? list(st.Resource).map(resourceWords).join(', ') : '';
    const cond = st.Condition ? ', if its conditions hold' : '';
    // Naming an account (its id or :root) trusts the account, not its
    // root user alone (IAM User Guide, "AWS account principals").
    const names = list((st.Principal || {}).AWS).concat(list((st.NotPrincipal || {}).AWS));
    const account = names.some(v => /^(?:arn:aws:iam::)?\d{12}(?::root)?$/.test(v)) ?
      ' Naming an account trusts all its users and roles (not only its root user), as far as their own identity policies allow it too.' : '';
    const li = el('li', undefined, st.Effect === 'Deny' ? 'deny' : 'allow');
    append(li, el('b', 'Statement ' + (i + 1) + (st.Sid ? ' (' + st.Sid + ')' : '') + ': '),
      document.createTextNode((who ? who.charAt(0).toUpperCase() + who.slice(1) + ' ' : 'Whoever holds this policy ') + verb + ' ' + acts + (on ? ' on ' + on : '') + cond + '.' + account));
    ul.appendChild(li);
  });
  return ul;
}
// worldFindings counts Access Analyzer's findings over every policy of the
// world: [findings, policies with findings].
function worldFindings(world) {
  const lists = Object.values(world.policies || {}).map(p => p.findings || []);
  for (const a of world.accounts) {
    for (const list of [a.users, a.groups, a.roles]) for (const e of list) {
      lists.push(e.trustPolicyFindings || [], ...Object.values(e.inlinePolicyFindings || {}));
    }
    for (const b of a.buckets) lists.push(b.policyFindings || []);
  }
  const with_ = lists.filter(l => l.length);
  return [with_.reduce((n, l) => n + l.length, 0), with_.length];
}
function renderWorld() {
  const root = document.getElementById('accounts');
  if (!state.world) return;
  const [nf, np] = worldFindings(state.world);
  const total = document.getElementById('findingsTotal');
  total.textContent = nf ? 'Access Analyzer: ' + nf + (nf === 1 ? ' finding' : ' findings') + ' in ' + np + (np === 1 ? ' policy' : ' policies') + ' (marked ⚑)' : 'Access Analyzer: no findings';
  total.title = "Access Analyzer checks each policy's grammar and names, as AWS's ValidatePolicy does (fakeaws lint makes the same checks)";
  total.className = nf ? 'has-findings' : 'muted';
  root.classList.toggle('only-findings', document.getElementById('onlyFindings').checked);
  const pol = state.world.policies || {};
  const managed = arn => {
    const p = pol[arn];
    return p ? policyBlock((p.kind || 'managed') + ' policy ' + p.name + ' — ' + arn, p.document, true, p.findings) : el('div', 'attached: ' + arn + ' (document not found)', 'muted');
  };
  const sections = state.world.accounts.map(a => {
    const sec = el('section', undefined, 'account');
    append(sec, el('h2', 'Account ' + a.id + (a.alias ? ' (' + a.alias + ')' : '')));
    const entity = (kind, e) => {
      const div = el('div', undefined, 'entity');
      append(div, el('h3', kind + ' ' + e.label), el('div', e.arn, 'muted arn'));
      if (e.groups && e.groups.length) append(div, el('div', 'groups: ' + e.groups.join(', ')));
      if (e.trustPolicy) append(div, policyBlock('trust policy: who may assume it', e.trustPolicy, true, e.trustPolicyFindings));
      for (const [name, doc] of Object.entries(e.inlinePolicies || {})) append(div, policyBlock('inline policy ' + name, doc, true, (e.inlinePolicyFindings || {})[name]));
      for (const arn of e.attachedPolicies || []) append(div, managed(arn));
      if (e.permissionsBoundary) { append(div, el('div', 'permissions boundary:')); append(div, managed(e.permissionsBoundary)); }
      if (!e.trustPolicy && !(e.attachedPolicies || []).length && !Object.keys(e.inlinePolicies || {}).length) append(div, el('div', 'no policies: it may do nothing yet', 'muted'));
      return div;
    };
    if (!a.users.length && !a.groups.length && !a.roles.length && !a.buckets.length && !(a.managedPolicies || []).length) {
      append(sec, el('p', 'No users, roles, policies or buckets in this account yet: create them with the AWS CLI (credentials of account ' + a.id + '), and they appear here.', 'muted'));
    }
    for (const u of a.users) append(sec, entity('user', u));
    for (const g of a.groups) append(sec, entity('group', g));
    for (const r of a.roles) append(sec, entity('role', r));
    for (const b of a.buckets) {
      const div = el('div', undefined, 'entity');
      const own = b.ownership || 'ObjectWriter';
      append(div, el('h3', 'bucket ' + b.name), el('div', 'object ownership: ' + own +
        (own === 'BucketOwnerEnforced' ? ' (ACLs are off: only policies decide)' : ' (ACLs count too)'), 'muted'));
      append(div, b.policy ? policyBlock('bucket policy: who else may use it', b.policy, true, b.policyFindings) :
        el('div', 'No bucket policy: only users and roles of account ' + accountLabel(a.id) + ' can be allowed in, by their own identity policies. ' +
          "Another account's users get in only if a bucket policy names them, or by assuming a role of " + accountLabel(a.id) + '.', 'muted'));
      append(sec, div);
    }
    const attachedSomewhere = new Set();
    for (const list of [a.users, a.groups, a.roles]) for (const e of list) for (const x of e.attachedPolicies || []) attachedSomewhere.add(x);
    const loose = (a.managedPolicies || []).filter(x => !attachedSomewhere.has(x));
    if (loose.length) {
      const div = el('div', undefined, 'entity');
      append(div, el('h3', 'customer managed policies not attached to anyone'));
      for (const x of loose) append(div, managed(x));
      append(sec, div);
    }
    return sec;
  });
  root.replaceChildren(...(sections.length ? sections : [el('p', 'No accounts yet: make a request, or start fakeaws with --config.', 'muted')]));
}

// ---- explanations ----
function statementBlock(sc) {
  const div = el('div', undefined, 'stmt');
  append(div, el('div', sc.summary, 'summary'));
  const parts = el('ul', undefined, 'parts');
  for (const p of sc.parts || []) {
    const li = el('li', (p.matched ? '✓ ' : '✗ ') + p.element + ': ' + (p.matched ? (p.detail || 'matches ' + (p.request || '')) : (p.detail || 'does not match')), p.matched ? 'hit' : 'miss');
    parts.appendChild(li);
  }
  append(div, parts);
  const pre = el('pre', sc.text || '');
  pre.classList.add(sc.applies ? 'applies' : 'failed');
  if (sc.applies && sc.statement && sc.statement.Effect === 'Deny') pre.classList.add('deny');
  pre.title = sc.label;
  append(div, pre);
  return div;
}
// decisionWords are a decision in plain words for a class: the word shown,
// and what the evaluator's term means.
const decisionWords = {
  Allow: ['Allowed', 'a statement allows it and none denies it'],
  ImplicitDeny: ['Denied', 'implicit deny: no statement allows it'],
  ExplicitDeny: ['Denied', 'explicit deny: a Deny statement matches (a Deny beats any Allow)'],
  Refused: ['Refused', 'stopped before any policy was read'],
};
// decisionSpan shows a decision in plain words, its class and tooltip
// naming the evaluator's term (ImplicitDeny, ...).
function decisionSpan(decision) {
  const [word, gloss] = decisionWords[decision] || [decision, ''];
  const span = el('span', word, decision);
  span.title = decision + (gloss ? ': ' + gloss : '');
  return span;
}
function sidesBlock(sides, decision) {
  const wrap = el('div');
  if (sides && sides.length === 2 && sides[0].account && sides[1].account && sides[0].account !== sides[1].account) {
    append(wrap, el('div', 'Across accounts both must allow: the caller\'s account (its identity policies) and the resource\'s account (its resource policy: a bucket or trust policy).', 'muted'));
  }
  const grid = append(wrap, el('div', undefined, 'sides')).lastChild;
  // Within one account either side may allow on its own. When the request
  // is denied and neither side allows, both are what failed.
  const neitherAllows = decision !== 'Allow' && !(sides || []).some(s => s.allowed);
  for (const s of sides || []) {
    // A side that need not allow on its own (within one account) and does
    // not, while the request is allowed, is shown neutral: it is not what
    // failed. A side with nothing to fix (an IAM user has no resource
    // policy) has no say.
    const neutral = !s.allowed && !s.required && !(neitherAllows && s.fix);
    const box = el('div', undefined, 'side ' + (s.allowed ? 'ok' : neutral ? 'optional' : 'no'));
    const title = (s.side === 'caller' ? "Caller's account " : "Resource's account ") + accountLabel(s.account) +
      (s.allowed ? ': allows' : neutral && neitherAllows ? ': has no say here' :
        neutral ? ': grants nothing (not needed: within one account one side is enough)' :
          s.required ? ': does not allow' : ': does not allow (within one account, either side would be enough)');
    append(box, el('h4', title, s.allowed ? 'allowed' : neutral ? 'muted' : 'denied'), el('div', s.says));
    if (s.fix) append(box, el('div', s.fix, 'fix'));
    grid.appendChild(box);
  }
  return wrap;
}
function renderExplanation(x) {
  const frag = el('div', undefined, 'explanation');
  for (const r of x.results || []) {
    const card = el('div', undefined, 'card');
    const head = el('h3');
    append(head, el('span', r.action + (x.operation ? ' as ' + x.operation : '') + ': '), decisionSpan(r.decision));
    const gloss = (decisionWords[r.decision] || [])[1];
    if (gloss && r.decision !== 'Allow') append(head, el('span', ' (' + gloss + ')', 'gloss'));
    if (r.errorCode) append(head, el('span', ' — client gets ' + r.status + ' ' + r.errorCode, 'muted'));
    append(card, head);
    if (r.message) append(card, el('div', r.message));
    // AWS tells a caller from another account no reason (S3 answers a bare
    // "Access Denied"); the console knows it and shows it below.
    if (r.message === 'Access Denied') append(card, el('div', "That is all AWS tells a caller from another account; the reason is below.", 'muted'));
    if (r.hint) append(card, el('div', r.hint, 'hint'));
    if (r.wayIn) append(card, el('div', r.wayIn, 'hint way-in'));
    for (const n of r.notes || []) append(card, el('div', n, 'muted'));
    (r.steps || []).forEach((st, i) => {
      if (r.steps.length > 1) append(card, el('h4', 'Question ' + (i + 1) + ' of ' + r.steps.length + ': ' + st.action + ' on ' + st.resource + ' → ' + ((decisionWords[st.decision] || [st.decision])[0])));
      append(card, sidesBlock(st.sides, st.decision));
      for (const p of st.policies || []) {
        const det = el('details');
        det.open = (p.statements || []).length <= 4;
        append(det, el('summary', p.kind + ' policy: ' + p.policy + (p.denies ? ' — denies' : p.allows ? ' — allows' : ' — does not apply')));
        for (const sc of p.statements || []) det.appendChild(statementBlock(sc));
        append(card, det);
      }
      if (!(st.policies || []).length) append(card, el('div', 'No policy applies to this principal and resource.', 'muted'));
      if ((st.missingContextKeys || []).length) append(card, el('div', 'condition keys the policies asked for but the request lacked: ' + st.missingContextKeys.join(', '), 'muted'));
    });
    frag.appendChild(card);
  }
  return frag;
}

// ---- decisions as lesson steps ----
function outcomeOf(step) {
  const ds = step.decisions;
  const final = ds.find(d => d.decision !== 'Allow') || ds[ds.length - 1];
  return final;
}
// originOf is the earlier step whose AssumeRole made step's caller, a
// role session (the server finds it: step.origin), with that decision.
function originOf(step) {
  const s = step.origin && state.steps.find(x => x.n === step.origin);
  const d = s && s.decisions.find(d => d.action === 'sts:AssumeRole');
  return d ? { step: s, decision: d } : null;
}
function statementLabel(ref) {
  return 'statement #' + (ref.Index + 1) + (ref.Sid ? ' (Sid "' + ref.Sid + '")' : '') + ' of ' + ref.Policy;
}
// originBlock tells how the session in step came to be: the AssumeRole
// step, and the policies that allowed it.
function originBlock(origin) {
  const d = origin.decision;
  const div = el('div', undefined, 'origin');
  append(div, el('h4', 'How this caller got here: step ' + origin.step.n));
  append(div, el('div', labelFor(d.principal) + ' assumed ' + labelFor(d.resource) + ' (sts:AssumeRole, session "' +
    ((d.context || {})['sts:RoleSessionName'] || [''])[0] + '"), allowed by:'));
  const ul = el('ul');
  for (const ref of d.statements || []) {
    const what = ref.Kind === 'trust' ? "the role's trust policy (account " + accountLabel(arnAccount(d.resource)) + ' trusts the caller)' :
      ref.Kind === 'identity' ? "the caller's identity policy (account " + accountLabel(arnAccount(d.principal)) + ' lets its user assume the role)' : ref.Kind + ' policy';
    ul.appendChild(el('li', what + ': ' + statementLabel(ref)));
  }
  append(div, ul, el('div', 'This request is then decided as the role: by the role\'s own policies and the resource\'s policy, below.', 'muted'));
  const btn = el('button', (state.open.has(origin.step.requestId) ? 'Hide' : 'Explain') + ' step ' + origin.step.n, 'small');
  btn.type = 'button';
  btn.addEventListener('click', () => toggleExplain(origin.step));
  append(div, btn);
  return div;
}
function arnAccount(arn) {
  const m = /^arn:aws:[a-z0-9-]+::(\d{12}):/.exec(arn || '');
  return m ? m[1] : '';
}
function stepRow(step) {
  const d0 = step.decisions[0];
  const fin = outcomeOf(step);
  const tr = el('tr');
  tr.dataset.requestId = step.requestId;
  const what = el('td');
  append(what, el('span', d0.operation || d0.action || '?', 'alias'));
  const acts = [...new Set(step.decisions.map(d => d.action).filter(Boolean))];
  if (acts.length) append(what, el('span', acts.join(', '), 'sub'));
  const on = el('td');
  for (const r of [...new Set(step.decisions.map(d => d.resource).filter(Boolean))]) append(on, el('div', labelFor(r), 'arn'));
  const out = el('td');
  append(out, decisionSpan(fin.decision));
  if (fin.decision !== 'Allow') append(out, el('span', (decisionWords[fin.decision] || [])[1], 'sub'));
  if (fin.decision !== 'Allow' && fin.status && fin.status < 400) append(out, el('span', 'allowed anyway (--iam=soft)', 'sub'));
  append(out, el('span', fin.status ? fin.status + (fin.errorCode ? ' ' + fin.errorCode : ' OK') : 'in progress', 'sub'));
  const btns = el('td');
  const explainBtn = el('button', state.open.has(step.requestId) ? 'Hide' : 'Explain', 'small');
  explainBtn.type = 'button';
  // Read aloud as "Explain step 3", not nine times "Explain".
  explainBtn.setAttribute('aria-label', (state.open.has(step.requestId) ? 'Hide' : 'Explain') + ' step ' + step.n);
  explainBtn.setAttribute('aria-expanded', String(state.open.has(step.requestId)));
  explainBtn.addEventListener('click', () => toggleExplain(step));
  const noteBtn = el('button', 'Note', 'small');
  noteBtn.type = 'button';
  noteBtn.setAttribute('aria-label', 'Note on step ' + step.n);
  noteBtn.addEventListener('click', () => { state.noting.add(step.requestId); state.stepsKey = ''; loadDecisions(); });
  append(btns, explainBtn, noteBtn);
  const whoCell = el('td');
  whoCell.appendChild(who(d0.principal));
  const origin = originOf(step);
  if (origin) append(whoCell, el('span', 'assumed by ' + labelFor(origin.decision.principal) + ' in step ' + origin.step.n, 'sub origin-line'));
  append(tr, el('td', String(step.n), 'n'), whoCell, what, on, out, btns);
  return tr;
}
function detailRow(step) {
  const tr = el('tr', undefined, 'detail');
  const td = el('td');
  td.colSpan = 6;
  tr.appendChild(td);
  if (step.note && !state.noting.has(step.requestId)) append(td, el('div', "Trainer's note: " + step.note, 'note'));
  if (state.noting.has(step.requestId)) {
    const ta = el('textarea');
    ta.rows = 2;
    ta.value = step.note || '';
    ta.placeholder = "trainer's note for step " + step.n;
    ta.setAttribute('aria-label', "trainer's note for step " + step.n);
    const save = el('button', 'Save note', 'small');
    save.type = 'button';
    save.addEventListener('click', async () => {
      try { await postForm('/_fakeaws/lesson/note', { requestId: step.requestId, note: ta.value }); } catch (e) { alert(e.message); }
      state.noting.delete(step.requestId); state.stepsKey = ''; loadDecisions();
    });
    append(td, ta, save);
  }
  if (state.open.has(step.requestId)) {
    const origin = originOf(step);
    if (origin) td.appendChild(originBlock(origin));
    const x = state.explained.get(step.requestId);
    if (x instanceof Error) append(td, el('div', x.message, 'hint'));
    else if (x) td.appendChild(renderExplanation(x));
    else append(td, el('div', 'explaining…', 'muted'));
  }
  return td.childNodes.length ? tr : null;
}
async function toggleExplain(step) {
  const id = step.requestId;
  if (state.open.has(id)) { state.open.delete(id); state.stepsKey = ''; loadDecisions(); return; }
  state.open.add(id);
  const fin = outcomeOf(step);
  if (!fin.action) {
    // Refused before any policy was read: the log line says it all.
    state.explained.set(id, { results: [{ action: fin.operation || 'request', decision: fin.decision, errorCode: fin.errorCode, status: fin.status, message: fin.message, hint: fin.hint, steps: [] }] });
  } else if (!state.explained.has(id)) {
    try { state.explained.set(id, await getJSON('/_fakeaws/explain?requestId=' + encodeURIComponent(id))); } catch (e) { state.explained.set(id, e); }
    const x = state.explained.get(id);
    if (x && x.results && fin.hint) x.results[0].hint = x.results[0].hint || fin.hint;
  }
  state.stepsKey = '';
  loadDecisions();
}
async function loadDecisions() {
  let data;
  try { data = await getJSON('/_fakeaws/lesson'); } catch (e) { return; }
  state.steps = data.steps;
  const f = document.getElementById('filter').value.toLowerCase();
  const onlyDenied = document.getElementById('onlyDenied').checked;
  const steps = data.steps.filter(s => {
    const text = JSON.stringify(s.decisions).toLowerCase() + labelFor(s.decisions[0].principal).toLowerCase();
    if (f && !text.includes(f)) return false;
    return !onlyDenied || outcomeOf(s).decision !== 'Allow' || (outcomeOf(s).status || 0) >= 400;
  }).reverse();
  // A decision is listed when made; its status comes when the response is done.
  const key = JSON.stringify([steps.map(s => [s.requestId, s.note, s.decisions.map(d => d.status || 0)]), f, onlyDenied]);
  if (key === state.stepsKey) return;
  state.stepsKey = key;
  const rows = [];
  for (const s of steps) {
    rows.push(stepRow(s));
    const d = detailRow(s);
    if (d) rows.push(d);
  }
  if (!rows.length) {
    const tr = el('tr');
    const td = el('td', (data.steps.length ? 'No step matches the filter.' : 'No requests yet. Point a client at this endpoint (export AWS_ENDPOINT_URL=' +
      location.origin + ', then for example aws sts get-caller-identity) and watch the steps appear.'), 'muted');
    td.colSpan = 6; tr.appendChild(td); rows.push(tr);
  }
  document.getElementById('rows').replaceChildren(...rows);
  if (!document.getElementById('chain').hidden) loadChain();
}

// ---- what if? ----
async function explainForm(ev) {
  ev.preventDefault();
  const val = id => document.getElementById(id).value.trim();
  const f = { principal: val('xPrincipal'), action: val('xAction'), resource: val('xResource') };
  const q = new URLSearchParams(f);
  for (const kv of val('xContext').split(',').map(s => s.trim()).filter(Boolean)) {
    const i = kv.indexOf('=');
    if (i > 0) q.append('context.' + kv.slice(0, i).trim(), kv.slice(i + 1).trim());
  }
  if (val('xDraft')) q.append('policy', val('xDraft'));
  if (val('xOperation')) q.append('operation', val('xOperation'));
  const out = document.getElementById('explainOut');
  out.replaceChildren(el('p', 'explaining…', 'muted'));
  try {
    const res = await fetch('/_fakeaws/explain', { method: 'POST', body: q });
    const x = await res.json();
    if (!res.ok) { out.replaceChildren(el('p', x.error, 'Refused')); return; }
    out.replaceChildren(renderExplanation(x));
  } catch (e) { out.replaceChildren(el('p', e.message, 'Refused')); }
}

// loadOperations reads which S3 operations a what-if question may name
// for each action (GET /_fakeaws/explain/operations).
async function loadOperations() {
  try { state.operations = await getJSON('/_fakeaws/explain/operations'); } catch (e) { state.operations = {}; }
  fillOperations();
}
// operationsFor lists the operations that ask the one action typed (none
// for several actions: an operation names the operation of one action).
function operationsFor(actions) {
  if (actions.includes(',')) return [];
  const key = Object.keys(state.operations).find(a => a.toLowerCase() === actions.toLowerCase());
  return key ? state.operations[key] : [];
}
// fillOperations offers the operations valid for the action typed, keeping
// the one chosen while it stays valid; want (from a link) is kept even when
// not offered, so the server says why rather than the question changing.
function fillOperations(want) {
  const sel = document.getElementById('xOperation');
  const ops = operationsFor(document.getElementById('xAction').value.trim());
  const keep = want !== undefined ? want : sel.value;
  const names = ops.slice();
  if (keep && !names.includes(keep) && want !== undefined) names.push(keep);
  sel.replaceChildren(operationOption('', 'none: the action alone'), ...names.map(n => operationOption(n, n)));
  sel.value = names.includes(keep) ? keep : '';
  sel.disabled = names.length === 0;
  operationHint();
}
function operationOption(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text === undefined ? value : text;
  return o;
}
// operationHint says what the chosen operation changes, or why none can be
// chosen.
function operationHint() {
  const action = document.getElementById('xAction').value.trim();
  const op = document.getElementById('xOperation').value;
  const offered = Object.keys(state.operations).sort().join(', ');
  let text;
  if (op === 'CopyObject') text = 'CopyObject also reads its source: give it as the condition key s3:x-amz-copy-source=bucket/key.';
  else if (op) text = 'Answered as S3 answers ' + op + ', through its own checks; s3: condition keys become its headers (s3:x-amz-acl is x-amz-acl).';
  else if (action.includes(',')) text = 'An operation goes with one action: ask one at a time to pick one.';
  else if (operationsFor(action).length) text = 'Several operations ask ' + action + ' and S3 answers them differently: pick one to be answered as it would be.';
  else text = offered ? 'Operations can be picked for ' + offered + ', on an object.' : '';
  document.getElementById('xOperationHint').textContent = text;
}

// ---- the trust chain ----
let chainBusy = false;
async function loadChain() {
  if (chainBusy) return;
  chainBusy = true;
  try {
    const [svgText, g] = await Promise.all([fetch('/_fakeaws/graph.svg').then(r => r.text()), getJSON('/_fakeaws/graph')]);
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg && svg.nodeName === 'svg') document.getElementById('graph').replaceChildren(document.importNode(svg, true));
    const words = { allowed: 'tried: allowed', denied: 'tried: denied', mixed: 'tried: some allowed, some denied', untried: 'allowed by policy, not yet tried' };
    const items = g.edges.map(e => {
      const li = el('li', undefined, 'edge-' + e.state);
      append(li, el('span', labelFor(e.from) + ' → ' + labelFor(e.to) + ': ', 'alias'), el('span', words[e.state], e.state));
      // Each action links to its explanation in What if?: which
      // statements of which policies allow it, or why not.
      const why = el('span', undefined, 'muted');
      append(why, document.createTextNode(e.may.length ? ' — policies allow ' : ' — policies allow nothing'));
      e.may.forEach((a, i) => append(why, i ? document.createTextNode(', ') : null, whyLink(e, a, a)));
      const tried = Object.entries(e.tried || {});
      if (tried.length) append(why, document.createTextNode('; tried '));
      tried.forEach(([a, d], i) => append(why, i ? document.createTextNode(', ') : null,
        whyLink(e, a, a + ' ' + ((decisionWords[d] || [d])[0]).toLowerCase())));
      if (e.crossAccount) append(why, document.createTextNode('; across accounts'));
      append(li, why);
      return li;
    });
    document.getElementById('edges').replaceChildren(...(items.length ? items : [el('li', 'No one may assume a role or reach a bucket yet.', 'muted')]));
  } catch (e) {
    document.getElementById('edges').replaceChildren(el('li', e.message, 'Refused'));
  } finally { chainBusy = false; }
}

// whyLink links an action of a trust-chain edge to its explanation in
// What if? (object actions on a bucket ask about its objects).
function whyLink(e, action, text) {
  let resource = e.to;
  if (/^arn:aws:s3:::[^/]+$/.test(resource) && /Object/.test(action)) resource += '/*';
  const a = el('a', text);
  a.href = '/_fakeaws/ui?' + new URLSearchParams({ principal: e.from, action, resource }).toString();
  a.title = 'why? explain ' + action + ' by ' + labelFor(e.from) + ' on ' + labelFor(resource);
  return a;
}

// ---- links that set the console up: ?explain=all opens every step's
// explanation (for printing a lesson); ?principal=&action=&resource=
// fills the what-if form and explains it. ----
async function fromURL() {
  const q = new URLSearchParams(location.search);
  if (q.get('explain') === 'all') {
    const data = await getJSON('/_fakeaws/lesson');
    for (const step of data.steps) await toggleExplain(step);
  }
  if (q.get('findings') === 'only') { document.getElementById('onlyFindings').checked = true; renderWorld(); }
  if (q.get('principal') && q.get('action')) {
    const set = (id, v) => { document.getElementById(id).value = v || ''; };
    set('xPrincipal', q.get('principal')); set('xAction', q.get('action')); set('xResource', q.get('resource'));
    set('xContext', q.get('context')); set('xDraft', q.get('policy'));
    await state.operationsReady;
    fillOperations(q.get('operation') || '');
    if (q.get('policy')) document.getElementById('draftBox').open = true;
    // Not location.hash: jumping to the section would scroll the header
    // and its tabs off the top.
    history.replaceState(null, '', '#whatif');
    showTab('whatif');
    await explainForm(new Event('submit'));
  }
  document.body.dataset.ready = 'true';
}

// ---- start ----
async function reset() {
  if (!confirm('Reset to the starting world? Everything made since start is lost (the --config world comes back).')) return;
  try { await postForm('/_fakeaws/reset', {}); } catch (e) { alert('reset failed: ' + e.message); return; }
  state.explained.clear(); state.open.clear(); state.noting.clear(); state.stepsKey = '';
  await loadWorld();
  loadDecisions();
  if (!document.getElementById('chain').hidden) loadChain();
}
document.addEventListener('DOMContentLoaded', () => {
  // Larger text: the A+ button's last choice, or ?big=1 (a trainer's
  // bookmark for the projector; ?big=0 turns it off).
  let big = false;
  try { big = localStorage.getItem('fakeaws.big') === '1'; } catch (e) { /* private mode */ }
  const asked = new URLSearchParams(location.search).get('big');
  if (asked !== null) big = asked === '1';
  setBig(big);
  document.getElementById('bigger').addEventListener('click', () => setBig(!document.documentElement.classList.contains('big')));
  document.getElementById('reset').addEventListener('click', reset);
  document.getElementById('explainForm').addEventListener('submit', explainForm);
  document.getElementById('xAction').addEventListener('input', () => fillOperations());
  document.getElementById('xOperation').addEventListener('change', operationHint);
  state.operationsReady = loadOperations();
  document.getElementById('filter').addEventListener('input', () => { state.stepsKey = ''; loadDecisions(); });
  document.getElementById('onlyDenied').addEventListener('change', () => { state.stepsKey = ''; loadDecisions(); });
  document.getElementById('onlyFindings').addEventListener('change', renderWorld);
  // A tab is a page: it opens at the top, header and tabs in view (the
  // browser has just jumped to the section's anchor).
  window.addEventListener('hashchange', () => { showTab(location.hash.slice(1)); window.scrollTo(0, 0); });
  showTab(location.hash.slice(1));
  loadWorld().then(() => { state.stepsKey = ''; loadDecisions(); }).catch(() => loadDecisions()).then(fromURL);
  setInterval(() => { loadDecisions(); }, 3000);
  setInterval(() => { loadWorld().catch(() => {}); }, 5000);
});
