// fakeaws console: served from /_fakeaws/ui/console.js so the page needs no
// inline script (its Content-Security-Policy allows scripts from 'self' only).
'use strict';
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function pretty(doc) {
  try { return JSON.stringify(JSON.parse(doc), null, 2); } catch (e) { return doc; }
}
function why(d) {
  const stmts = (d.statements || []).map(s => (s.Policy || '') + (s.Sid ? ' (Sid ' + s.Sid + ')' : ' (statement ' + (s.Index + 1) + ')'));
  if (d.decision === 'Allow') return 'allowed by ' + (stmts.join(', ') || 'the account root');
  return (d.message || '') + (stmts.length ? ' — deciding: ' + stmts.join(', ') : '');
}
async function loadDecisions() {
  const text = await (await fetch('/_fakeaws/decisions')).text();
  const f = document.getElementById('filter').value.toLowerCase();
  const rows = text.split('\n').filter(Boolean).map(l => JSON.parse(l)).reverse()
    .filter(d => !f || (d.principal + d.action + d.resource).toLowerCase().includes(f));
  document.getElementById('rows').replaceChildren(...rows.map(d => {
    const tr = el('tr');
    const when = (d.time || '').replace('T', ' ').slice(0, 19);
    for (const [v, cls] of [[when], [d.principal], [d.action], [d.resource], [d.decision, d.decision], [why(d)]]) {
      tr.appendChild(el('td', v || '', cls));
    }
    return tr;
  }));
}
function policyBlock(title, doc) {
  const det = el('details');
  det.appendChild(el('summary', title));
  det.appendChild(el('pre', pretty(doc)));
  return det;
}
function entityRow(kind, e) {
  const div = el('div');
  div.appendChild(el('h3', kind + ' ' + e.name));
  div.appendChild(el('div', e.arn + '  (' + e.id + ')', 'muted'));
  if (e.groups && e.groups.length) div.appendChild(el('div', 'groups: ' + e.groups.join(', ')));
  if (e.trustPolicy) div.appendChild(policyBlock('trust policy: who may assume it', e.trustPolicy));
  for (const [name, doc] of Object.entries(e.inlinePolicies || {})) div.appendChild(policyBlock('inline policy ' + name, doc));
  for (const arn of e.attachedPolicies || []) div.appendChild(el('div', 'attached: ' + arn));
  if (e.permissionsBoundary) div.appendChild(el('div', 'permissions boundary: ' + e.permissionsBoundary));
  return div;
}
async function loadWorld() {
  const world = await (await fetch('/_fakeaws/world')).json();
  const root = document.getElementById('accounts');
  root.replaceChildren(...world.accounts.map(a => {
    const sec = el('section');
    sec.appendChild(el('h2', 'Account ' + a.id + (a.alias ? ' (' + a.alias + ')' : '')));
    for (const u of a.users) sec.appendChild(entityRow('user', u));
    for (const g of a.groups) sec.appendChild(entityRow('group', g));
    for (const r of a.roles) sec.appendChild(entityRow('role', r));
    for (const b of a.buckets) {
      const div = el('div');
      div.appendChild(el('h3', 'bucket ' + b.name));
      div.appendChild(el('div', 'object ownership: ' + (b.ownership || 'ObjectWriter'), 'muted'));
      if (b.policy) div.appendChild(policyBlock('bucket policy', b.policy));
      sec.appendChild(div);
    }
    return sec;
  }));
}
async function explain(ev) {
  ev.preventDefault();
  const q = new URLSearchParams({principal: document.getElementById('xPrincipal').value.trim(), action: document.getElementById('xAction').value.trim(), resource: document.getElementById('xResource').value.trim()});
  for (const kv of document.getElementById('xContext').value.split(',').map(s => s.trim()).filter(Boolean)) {
    const i = kv.indexOf('=');
    if (i > 0) q.append('context.' + kv.slice(0, i).trim(), kv.slice(i + 1).trim());
  }
  const res = await fetch('/_fakeaws/explain?' + q);
  const out = document.getElementById('explainOut');
  const x = await res.json();
  if (!res.ok) { out.replaceChildren(el('p', x.error, 'ExplicitDeny')); return; }
  const parts = [el('h3', x.decision + (x.kind ? ' (' + x.kind + ')' : ''), x.decision)];
  if (x.message) parts.push(el('p', x.message));
  const table = el('table');
  table.appendChild(el('tr')).append(el('th', 'policy'), el('th', 'kind'), el('th', 'allows'), el('th', 'denies'), el('th', 'why not'));
  for (const p of x.policies) {
    const tr = el('tr');
    const failed = (p.failedConditions || []).map(f => f.Operator + ' on ' + f.Key + (f.Missing ? ' (key absent)' : '')).join('; ');
    tr.append(el('td', p.policy), el('td', p.kind), el('td', p.allows ? 'yes' : ''), el('td', p.denies ? 'yes' : '', p.denies ? 'ExplicitDeny' : ''), el('td', failed));
    table.appendChild(tr);
  }
  if (!x.policies.length) {
    const tr = el('tr');
    const td = el('td', 'no policy applies to this principal and resource', 'muted');
    td.colSpan = 5;
    tr.appendChild(td);
    table.appendChild(tr);
  }
  parts.push(table);
  for (const n of x.notes || []) parts.push(el('p', n, 'muted'));
  if ((x.missingContextKeys || []).length) parts.push(el('p', 'context keys the policies asked for but the request lacked: ' + x.missingContextKeys.join(', '), 'muted'));
  out.replaceChildren(...parts);
}
document.getElementById('explainForm').addEventListener('submit', explain);
document.getElementById('filter').addEventListener('input', loadDecisions);
document.getElementById('refreshDecisions').addEventListener('click', loadDecisions);
document.getElementById('refreshWorld').addEventListener('click', loadWorld);
loadDecisions();
loadWorld();
setInterval(loadDecisions, 3000);
