// Quick chart island for a dataset page: reads its config from a JSON data island, fetches up to
// 200 rows from the public records API, and draws a line, bar or pie chart with ECharts.
const cfgEl = document.getElementById('chart-config');
const el = document.getElementById('chart');
const controls = document.getElementById('chart-controls');
if (cfgEl && el && controls && window.echarts) {
  const cfg = JSON.parse(cfgEl.textContent || '{}');
  const L = cfg.labels;
  const numeric = cfg.fields.filter((f) => f.type === 'number' || f.type === 'integer');
  const opt = (v, t, sel) => `<option value="${v}"${sel ? ' selected' : ''}>${t.replace(/[<>&"]/g, '')}</option>`;
  controls.innerHTML = `
    <label>${L.type}<select id="chart-type">${opt('bar', L.bar, true)}${opt('line', L.line)}${opt('pie', L.pie)}</select></label>
    <label>${L.x}<select id="chart-x">${cfg.fields.map((f) => opt(f.name, f.title, f.name === cfg.x)).join('')}</select></label>
    <label>${L.y}<select id="chart-y" multiple size="3">${numeric.map((f) => opt(f.name, f.title, cfg.y.includes(f.name))).join('')}</select></label>`;
  const chart = window.echarts.init(el, null, { renderer: 'svg' });
  let records = [];
  const title = (n) => (cfg.fields.find((f) => f.name === n) || { title: n }).title;
  function draw() {
    const type = document.getElementById('chart-type').value;
    const x = document.getElementById('chart-x').value;
    const ys = [...document.getElementById('chart-y').selectedOptions].map((o) => o.value);
    const labels = records.map((r) => String(r[x] ?? ''));
    let option;
    if (type === 'pie') {
      const y = ys[0] || (numeric[0] && numeric[0].name);
      option = { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: '65%', name: title(y), data: records.map((r, i) => ({ name: labels[i], value: Number(r[y]) })) }] };
    } else {
      option = {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, bottom: 80, top: 40, containLabel: true },
        xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 6 ? 40 : 0 } }, yAxis: { type: 'value' },
        series: ys.map((y) => ({ type, name: title(y), data: records.map((r) => (r[y] === null ? null : Number(r[y]))) })),
      };
    }
    chart.setOption(option, true);
  }
  fetch(cfg.api, { headers: { accept: 'application/json' } })
    .then((r) => r.json())
    .then((j) => { records = j.records || []; draw(); })
    .catch(() => { el.textContent = ''; });
  controls.addEventListener('change', draw);
  window.addEventListener('resize', () => chart.resize());
}
