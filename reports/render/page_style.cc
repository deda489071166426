#include "reports/render/page_assets.h"

namespace sipconf::reports {

std::string_view page_style() {
  return R"css(
:root{--fg:#1f2328;--muted:#59636e;--faint:#818b98;--line:#d1d9e0;--soft:#f6f8fa;--card:#fff;
--blue:#0969da;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;
--xfail:#8250df;--xfail-bg:#fbefff;--xpass:#bf3989;--xpass-bg:#ffeff7;--timeout:#bc4c00;
--timeout-bg:#fff1e5;--crash:#82071e;--crash-bg:#ffd8d3;--error:#9a6700;--error-bg:#fff8c5;
--skip:#59636e;--skip-bg:#eff2f5;--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,
"Liberation Mono","DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html{scroll-padding-top:56px}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,
Arial,"Liberation Sans",sans-serif;color:var(--fg);background:#eef1f4}
code,pre,.cid{font-family:var(--mono);font-size:12.5px}
a{color:var(--blue);text-decoration:none}a:hover{text-decoration:underline}
.wrap{max-width:1280px;margin:0 auto;padding:0 24px}
header.top{background:#0d1b2a;color:#e6edf3;padding:24px 0 18px}
.head-grid{display:flex;justify-content:space-between;align-items:flex-start;gap:24px;
flex-wrap:wrap}
.brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#8fa3b8}
header h1{margin:2px 0 2px;font-size:26px;font-weight:600;color:#fff}
header h1 .ver{font-weight:400;color:#b5c4d3;font-size:20px}
.sut-sub{margin:0;color:#b5c4d3}
.verdict{display:flex;flex-direction:column;align-items:flex-end;padding:10px 18px;
border-radius:10px;min-width:220px}
.verdict-word{font-size:28px;font-weight:700;letter-spacing:.06em;line-height:1.1}
.verdict-why{font-size:13px;opacity:.92;text-align:right;max-width:380px}
.verdict.passed{background:#1a7f37;color:#fff}.verdict.failed{background:#cf222e;color:#fff}
.verdict.error{background:#d4a72c;color:#1f2328}.verdict.none{background:#3d4f63;color:#fff}
.totals{display:flex;flex-wrap:wrap;gap:8px;margin:18px 0 14px}
.total{display:inline-flex;gap:6px;align-items:baseline;padding:4px 12px;border-radius:999px;
background:#1b2d40;color:#e6edf3;font-size:13px;border:1px solid #2c4259}
.total b{font-size:16px}.total.zero{opacity:.45}
.total:hover{text-decoration:none;border-color:#8fa3b8}
.total.fail:not(.zero),.total.crash:not(.zero){background:#cf222e;border-color:#cf222e}
.total.timeout:not(.zero){background:#bc4c00;border-color:#bc4c00}
.total.xpass:not(.zero){background:#bf3989;border-color:#bf3989}
.total.error:not(.zero){background:#d4a72c;border-color:#d4a72c;color:#1f2328}
.total.pass:not(.zero){background:#1a7f37;border-color:#1a7f37}
.total.xfail:not(.zero){background:#6e40c9;border-color:#6e40c9}
.run-info{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:6px 24px;
margin:0;font-size:13px}
.run-info div{min-width:0}.run-info .wide{grid-column:span 2}.run-info dt{color:#8fa3b8;font-size:11px;text-transform:uppercase;
letter-spacing:.06em}.run-info dd{margin:0;overflow-wrap:anywhere}
.run-info code{color:#e6edf3;background:#1b2d40;padding:1px 5px;border-radius:4px}
.run-info a{color:#79c0ff}
nav.sections{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line)}
nav.sections .wrap{display:flex;gap:22px;height:44px;align-items:center}
nav.sections a{color:var(--fg);font-weight:500}
main{padding-top:8px;padding-bottom:24px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:18px 22px;margin:18px 0}
h2{margin:0 0 12px;font-size:19px;font-weight:600}
h3{font-size:15px;margin:18px 0 8px}
h4{font-size:14px;margin:18px 0 8px;font-weight:600}
h4 .count,h2 .count{color:var(--muted);font-weight:400;font-size:13px;margin-left:6px}
.lead{color:var(--muted);margin:-4px 0 12px}
.empty{color:var(--muted);font-style:italic}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eaeef2;vertical-align:top}
thead th{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);
font-weight:600;background:var(--soft);border-bottom:1px solid var(--line)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.bad{color:var(--fail);font-weight:600}
.badge{display:inline-block;min-width:62px;text-align:center;font-size:11px;font-weight:700;
letter-spacing:.04em;padding:2px 8px;border-radius:999px}
.badge.pass{background:var(--pass-bg);color:var(--pass)}
.badge.fail{background:var(--fail);color:#fff}
.badge.xfail{background:var(--xfail-bg);color:var(--xfail)}
.badge.xpass{background:var(--xpass);color:#fff}
.badge.timeout{background:var(--timeout);color:#fff}
.badge.crash{background:var(--crash);color:#fff}
.badge.error{background:var(--error-bg);color:var(--error);border:1px solid #d4a72c}
.badge.skip{background:var(--skip-bg);color:var(--skip)}
.chip{display:inline-block;font-size:11.5px;padding:0 7px;border-radius:6px;background:#eff2f5;
color:#3d4650;margin:1px 3px 1px 0;white-space:nowrap}
.chip.b{background:#ddf4ff;color:#0a3069;font-family:var(--mono);font-size:11px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:12px}
.status-filter{display:flex;flex-wrap:wrap;gap:6px}
.sf{display:inline-flex;gap:5px;align-items:center;font-size:12px;font-weight:600;
padding:3px 10px;border-radius:999px;border:1px solid var(--line);cursor:pointer;
user-select:none}
.sf input{margin:0}.sf .n{font-weight:400;color:var(--muted)}
.sf.fail,.sf.crash{border-color:#ff8182}.sf.timeout{border-color:#fb8f44}
.sf.pass{border-color:#4ac26b}.sf.error{border-color:#d4a72c}.sf.xfail{border-color:#c297ff}
select,input[type=search]{font:inherit;font-size:13px;padding:5px 8px;border:1px solid var(--line);
border-radius:6px;background:#fff}
input[type=search]{flex:1;min-width:220px}
.f-count{color:var(--muted);font-size:12.5px}
table.cases td{padding:8px 10px}
.case-row{cursor:pointer}.case-row:hover{background:#f6f8fa}
.case-row:focus{outline:2px solid var(--blue);outline-offset:-2px}
.case-row[aria-expanded=true]{background:#f0f6ff}
.case-row.fail,.case-row.crash,.case-row.timeout,.case-row.xpass{box-shadow:inset 3px 0 var(--fail)}
.case-row.error{box-shadow:inset 3px 0 #d4a72c}
.cid{font-weight:600;overflow-wrap:anywhere}
.cnote{color:var(--muted);font-size:12.5px;overflow-wrap:anywhere}
.case-row.fail .cnote,.case-row.crash .cnote,.case-row.timeout .cnote,.case-row.xpass .cnote{
color:#a40e26}
.detail-row>td{background:#fafbfc;padding:0 0 0 0;border-bottom:2px solid var(--line)}
.case-body{padding:14px 22px 20px;max-width:100%;overflow:hidden}
.outcome{display:flex;gap:10px;align-items:center;font-size:15px;font-weight:500;
padding:10px 14px;border-radius:8px;background:var(--soft)}
.outcome.fail,.outcome.crash,.outcome.xpass{background:var(--fail-bg)}
.outcome.timeout{background:var(--timeout-bg)}.outcome.error{background:var(--error-bg)}
.outcome.pass{background:var(--pass-bg)}.outcome.xfail{background:var(--xfail-bg)}
.case-desc{margin:10px 0 0;color:#3d4650}
.facts{display:flex;flex-wrap:wrap;gap:4px 28px;margin:10px 0 0;font-size:13px}
.facts dt{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.05em}
.facts dd{margin:0}
.failure-card{border:1px solid #ffcecb;border-left:4px solid var(--fail);border-radius:8px;
background:#fff;padding:12px 14px;margin:10px 0}
.fc-head{display:flex;gap:8px;align-items:center;font-size:14px}
.fc-msg{margin:6px 0 8px}
.expect{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.expect div{border-radius:6px;padding:8px 10px;min-width:0}
.expect span{display:block;font-size:11px;text-transform:uppercase;letter-spacing:.06em;
font-weight:600;margin-bottom:2px}
.expect code{overflow-wrap:anywhere;white-space:pre-wrap}
.exp{background:var(--pass-bg)}.exp span{color:var(--pass)}
.act{background:var(--fail-bg)}.act span{color:var(--fail)}
.offending{margin-top:10px}
.off-head{font-size:12.5px;color:var(--muted);margin-bottom:4px}
pre.sip{margin:0;background:#0d1117;color:#d1d9e0;padding:12px 14px;border-radius:8px;
overflow:auto;max-height:360px;white-space:pre;line-height:1.45;tab-size:4}
pre.sip mark.hl{background:#9e6a03;color:#fff;border-radius:3px;padding:0 2px;
box-shadow:0 0 0 1px #e3b341}
mark.hl{background:#fff8c5;padding:0 3px;border-radius:3px}
table.subtests td,table.findings td,table.rtp td,table.endpoints td{font-size:13px}
table.subtests tr.fail td{background:#fff8f8}
.sev{font-size:11px;font-weight:700;text-transform:uppercase}.sev.error{color:var(--fail)}
.sev.warning{color:var(--timeout)}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:12px;color:var(--muted);
margin:0 0 8px}
.legend-item{display:inline-flex;align-items:center;gap:6px}
.legend .hint{font-style:italic}
.badge-key{display:inline-block;width:14px;height:14px;border-radius:50%;background:var(--fail);
color:#fff;font-weight:700;font-size:10px;text-align:center;line-height:14px}
.ladder-wrap{overflow:auto;border:1px solid var(--line);border-radius:8px;background:#fff;
max-height:760px}
svg.ladder{display:block;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",
Helvetica,Arial,sans-serif}
svg text{font-size:12px}
.col-name{font-weight:600;font-size:13px;fill:#1f2328}
.col-role{font-size:11px;fill:var(--muted)}
.col-addr{font-size:10.5px;fill:var(--faint);font-family:var(--mono)}
.col.unknown .col-name{fill:var(--timeout)}
.lifeline{stroke:#c5ced8;stroke-dasharray:3 4}
.sut-box{fill:#eef5ff;stroke:#b6d4fe}
.sut-tag{fill:#0969da;font-size:10.5px;font-weight:700;letter-spacing:.14em}
.gutter-head{fill:var(--faint);font-size:10.5px;text-transform:uppercase;letter-spacing:.08em}
.t-abs,.t-delta,.gutter-head{text-anchor:end}
.col text,.arrow .label,.sut-tag,.lost-mark,.badge-mark{text-anchor:middle}
.arrow .label.loop{text-anchor:start}
.t-abs{fill:var(--faint);font-family:var(--mono);font-size:10.5px}
.t-delta{fill:#3d4650;font-family:var(--mono);font-size:10.5px}
.t-delta.long{fill:var(--timeout);font-weight:700}
.arrow{outline:none}.arrow[data-msg]{cursor:pointer}
.arrow .hit{fill:transparent}
.arrow:hover .hit,.arrow:focus .hit{fill:#f3f6f9}
.arrow.offending .hit{fill:#fff1f0}
.arrow.selected .hit{fill:#fff4c2}
.arrow .shaft{stroke-width:1.7;fill:none}.arrow .head{stroke:none}
.arrow .label{font-size:12px}
.arrow.req .shaft{stroke:#0969da}.arrow.req .head{fill:#0969da}
.arrow.req .label{fill:#0550ae;font-weight:600}
.arrow.prov .shaft{stroke:#8c959f}.arrow.prov .head{fill:#8c959f}.arrow.prov .label{fill:#59636e}
.arrow.ok .shaft{stroke:#1a7f37}.arrow.ok .head{fill:#1a7f37}
.arrow.ok .label{fill:#116329;font-weight:600}
.arrow.err .shaft{stroke:#cf222e}.arrow.err .head{fill:#cf222e}
.arrow.err .label{fill:#a40e26;font-weight:600}
.arrow.rtx .shaft{stroke:#e16f24}.arrow.rtx .head{fill:#e16f24}
.arrow.rtx .label{fill:#bc4c00;font-style:italic}
.arrow.lost .shaft{stroke:#cf222e;stroke-dasharray:2 3;stroke-width:2}
.arrow.lost .head{fill:#fff;stroke:#cf222e;stroke-width:1.4}
.arrow.lost .label{fill:#a40e26;font-weight:600}
.lost-mark{fill:#cf222e;font-size:10px;font-style:italic}

circle.flag-dot{fill:#cf222e}.badge-mark{fill:#fff;font-weight:700;font-size:11px}
svg.swatch{overflow:visible}
.plots{display:flex;flex-wrap:wrap;gap:14px;margin-top:12px}
svg.cdf{background:#fff;border:1px solid var(--line);border-radius:8px}
.plot-title{font-weight:600;font-size:12px;fill:#1f2328}.plot-note{fill:var(--muted);font-size:11px}
.grid{stroke:#eaeef2}.tick{fill:var(--muted);font-size:10px}
.cdf-line{fill:none;stroke:#0969da;stroke-width:2}
.marker{stroke:#bc4c00;stroke-dasharray:3 3}.marker-label{fill:#bc4c00;font-size:10px;font-weight:600}
table.latency{max-width:760px}
.artifacts{margin:0;padding-left:18px}.art-kind{color:var(--muted);display:inline-block;
min-width:130px}
.coverage{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;margin-bottom:12px}
.coverage-figure{font-size:15px}.coverage-figure .pct{font-weight:700;color:var(--pass);
margin-left:6px}
.meter{flex:0 0 260px;height:10px;border-radius:6px;background:#eaeef2;overflow:hidden;
display:flex}
.meter-pass{background:#2da44e}.meter-tried{background:#d4a72c}
.coverage-note{color:var(--muted);font-size:12.5px;flex-basis:100%}
.toggle{float:right;font-size:12.5px;color:var(--muted);margin-top:-38px}
table.matrix{font-size:13px}
table.matrix th.behaviour{font-weight:400;min-width:320px}
table.matrix th.behaviour code{font-weight:600;color:#0a3069;margin-right:4px}
table.matrix thead th:not(.behaviour){text-align:center;width:11%}
table.matrix tr.group th{background:#f6f8fa;font-size:12px;font-weight:700;color:#3d4650;
text-transform:uppercase;letter-spacing:.06em;padding-top:10px}
table.matrix tr.uncovered th.behaviour{color:var(--muted)}
.matrix.only-covered tr.uncovered{display:none}
td.cell{text-align:center;white-space:nowrap;font-variant-numeric:tabular-nums}
td.cell a{display:block;border-radius:6px;padding:1px 4px;font-weight:600;color:inherit}
td.cell a:hover{text-decoration:none;outline:2px solid currentColor}
td.cell.none{color:#c5ced8}
td.cell.pass a{background:var(--pass-bg);color:var(--pass)}
td.cell.fail a{background:var(--fail);color:#fff}
td.cell.xfail a{background:var(--xfail-bg);color:var(--xfail)}
td.cell.error a{background:var(--error-bg);color:var(--error)}
td.cell.skip a{background:var(--skip-bg);color:var(--skip)}
.matrix-key{font-size:12.5px;color:var(--muted);margin:0 0 10px}
.key{display:inline-block;padding:0 6px;border-radius:5px;font-weight:600;margin:0 2px}
.key.pass{background:var(--pass-bg);color:var(--pass)}.key.fail{background:var(--fail);color:#fff}
.key.xfail{background:var(--xfail-bg);color:var(--xfail)}
.key.error{background:var(--error-bg);color:var(--error)}
.key.skip{background:var(--skip-bg);color:var(--skip)}.key.none{color:#8c959f}
td.cell.overall{border-left:1px solid var(--line)}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0 4px}
.chip-big{padding:4px 12px;border-radius:8px;background:var(--soft);border:1px solid var(--line)}
.chip-big.bad{background:var(--fail-bg);border-color:#ff8182;color:#a40e26}
.chip-big.good{background:var(--pass-bg);border-color:#4ac26b;color:#116329}
.chip-big.warn{background:var(--timeout-bg);border-color:#fb8f44;color:#953800}
h4.new-failure{color:var(--fail)}h4.fixed{color:var(--pass)}
.baseline-of{margin:0 0 6px;color:var(--muted)}
.note{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:12px;padding:4px 24px 40px}
.msg-panel{position:fixed;top:0;right:0;bottom:0;width:min(760px,58vw);background:#fff;
border-left:1px solid var(--line);box-shadow:-12px 0 32px rgba(13,27,42,.18);z-index:20;
display:flex;flex-direction:column}
.msg-panel[hidden]{display:none}
.panel-bar{display:flex;justify-content:space-between;align-items:center;padding:10px 16px;
background:#0d1b2a;color:#e6edf3;font-weight:600}
.panel-bar button{font-size:22px;line-height:1;background:none;border:0;color:#e6edf3;
cursor:pointer;padding:0 4px}
.panel-body{padding:14px 16px;overflow:auto;flex:1}
.panel-body pre.sip{max-height:none}
.msg-head{margin-bottom:10px}
.msg-title{font-size:16px;font-weight:600;margin-bottom:4px}
.msg-no{color:var(--muted);font-weight:400;margin-right:4px}
.msg-label.req{color:#0550ae}
.msg-route{font-size:13px;color:#3d4650}
.flag{margin-top:8px;padding:6px 10px;border-radius:6px;font-size:13px}
.flag.rtx{background:var(--timeout-bg);color:#953800}.flag.lost,.flag.fail{background:var(--fail-bg);
color:#a40e26}.flag.finding{background:var(--error-bg);color:#7d4e00}
@media print{nav.sections,.filters,.msg-panel{display:none}section{break-inside:avoid}}
)css";
}

}  // namespace sipconf::reports
