// SPBE charts: radar of aspect indices and the index history line. Data comes from a JSON island
// (#spbe-chart-data) rendered by the server; the same figures are in the page's tables.
import * as echarts from '/assets/vendor/echarts/echarts.esm.min.js';

const island = document.getElementById('spbe-chart-data');
if (island) {
  const data = JSON.parse(island.textContent || '{}');
  const radarEl = document.getElementById('spbe-radar');
  if (radarEl && data.radar) {
    radarEl.textContent = '';
    const chart = echarts.init(radarEl, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      // earlier years grey, the latest year in the platform's teal
      color: data.radar.series.length > 1 ? ['#8a8f98', '#0b5e55'] : ['#0b5e55'],
      legend: { bottom: 0 },
      tooltip: {},
      radar: { indicator: data.radar.indicators, radius: '62%', axisName: { color: '#1f2933', fontSize: 11, width: 140, overflow: 'break' } },
      series: [{ type: 'radar', areaStyle: { opacity: 0.12 }, data: data.radar.series.map((s) => ({ name: s.name, value: s.values })) }],
    });
    addEventListener('resize', () => chart.resize());
  }
  const histEl = document.getElementById('spbe-history');
  if (histEl && data.history) {
    const chart = echarts.init(histEl, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      color: ['#0b5e55'],
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.history.years },
      yAxis: { type: 'value', min: 0, max: 5 },
      series: [{ name: data.history.label, type: 'line', data: data.history.values, label: { show: true }, markLine: { symbol: 'none', data: [{ yAxis: data.history.target, name: data.history.targetLabel }], label: { formatter: `${data.history.targetLabel} {c}` } } }],
    });
    addEventListener('resize', () => chart.resize());
  }
}
