#include "html_style.h"

namespace rearview::report {

// Backgrounds carry meaning in the bars, so print keeps them
// (print-color-adjust); everything else also reads in black and white
// through text, borders and dash patterns.
const std::string_view kBaseCss = R"css(
:root{--ink:#1b2330;--muted:#586474;--faint:#8b95a3;--line:#e2e6ed;--paper:#fff;--wash:#f4f6f9;
--accent:#2350b5;--accent-soft:#e9effb;--won:#0f7447;--won-soft:#e3f3ea;--lost:#b3261e;
--lost-soft:#fcebea;--warn:#a04d06;--warn-soft:#fdf0e1}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--wash);color:var(--ink);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
.page{max-width:1000px;margin:0 auto;padding:32px 24px 64px}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:28px;font-weight:700;letter-spacing:-.015em;overflow-wrap:anywhere}
h2{font-size:19px;font-weight:650;margin:0 0 14px}
h3{font-size:15px;font-weight:600}
p{margin:0}
a{color:var(--accent);text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
.card{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:22px 24px;margin-top:18px}
.eyebrow{font-size:12px;font-weight:650;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);margin-bottom:6px}
.muted{color:var(--muted)}
.outcome{display:inline-block;font-size:13px;font-weight:700;padding:2px 10px;border-radius:999px;border:1px solid currentColor;white-space:nowrap}
.outcome-won{color:var(--won);background:var(--won-soft)}
.outcome-lost{color:var(--lost);background:var(--lost-soft)}
.outcome-open{color:var(--accent);background:var(--accent-soft);border-style:dashed}
.badge{display:inline-block;font-size:12px;font-weight:600;line-height:1.5;padding:0 8px;border-radius:4px;border:1px solid var(--line);background:var(--wash);color:var(--ink);white-space:nowrap}
table{border-collapse:collapse;width:100%}
th{font-size:12px;font-weight:650;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);text-align:left}
th,td{padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top}
td.number,th.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
footer{margin-top:28px;font-size:13px;color:var(--muted)}
@media (max-width:640px){.page{padding:16px 10px 40px}.card{padding:16px 14px;border-radius:8px}h1{font-size:23px}}
@media print{@page{size:A4;margin:14mm 13mm}
body{background:#fff;font-size:10pt}
.page{max-width:none;padding:0}
.card{border:0;border-radius:0;padding:0;margin-top:16pt}
a{color:inherit}
h2{break-after:avoid}
.outcome,.badge{background:none!important;color:#000!important;border-color:#000!important}
}
)css";

const std::string_view kReportCss = R"css(
.masthead{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-start;gap:12px 24px}
.masthead .subtitle{margin-top:6px;color:var(--muted)}
.toc{flex-basis:100%;margin-top:4px;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:14px}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:14px 28px;margin:0}
.facts div{min-width:0}
.facts dt{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.facts dd{margin:2px 0 0;overflow-wrap:anywhere}
.lede{margin-bottom:12px}
.notes{margin-top:18px;padding:10px 14px;border:1px solid #f0c9a0;border-left:4px solid var(--warn);border-radius:6px;background:var(--warn-soft)}
.notes h3{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--warn)}
.notes ul{margin:4px 0 0;padding-left:18px}
.duration,.talk{font-variant-numeric:tabular-nums}
.hits{list-style:none;margin:6px 0 0;padding:0;font-size:13px}
.hits li{margin:2px 0;overflow-wrap:anywhere}
.hits .tracker{display:inline-block;padding:0 6px;border-radius:9px;background:var(--warn-soft);color:var(--warn);font-size:12px;font-weight:600}
.hits .phrases{font-weight:600}
.hits .hit-source{color:var(--muted)}
.score{font-weight:700;font-variant-numeric:tabular-nums}
figure{margin:0}
.chart-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.health-chart{display:block;width:100%;min-width:640px;height:auto}
.health-chart text{font-size:11px;fill:var(--muted)}
.health-chart .grid{stroke:var(--line);stroke-width:1}
.health-chart .area{fill:var(--accent);fill-opacity:.08}
.health-chart .line{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}
.health-chart .stage-line{stroke:#7d8898;stroke-width:1;stroke-dasharray:4 3}
.health-chart .stage-label{fill:var(--ink);font-weight:600;paint-order:stroke;stroke:var(--paper);stroke-width:4px;stroke-linejoin:round}
.health-chart .close-line{stroke-width:2}
.health-chart .close-won{stroke:var(--won)}
.health-chart .close-lost{stroke:var(--lost)}
.health-chart .event{fill:#fff;stroke:var(--accent);stroke-width:2}
.health-chart .tell-mark{fill:var(--warn)}
.health-chart .tell-strip{fill:var(--warn-soft)}
.health-chart a:hover .event,.health-chart a:focus .event{fill:var(--accent)}
.health-chart .empty{font-size:14px}
figcaption{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;color:var(--muted);margin-top:6px}
.key{display:inline-block;vertical-align:middle;margin-right:6px}
.key-line{width:18px;height:0;border-top:3px solid var(--accent)}
.key-stage{width:0;height:14px;border-left:1px dashed #7d8898}
.key-event{width:9px;height:9px;border:2px solid var(--accent);border-radius:50%}
.key-tell{width:0;height:0;border:6px solid transparent;border-bottom:10px solid var(--warn);border-top:0}
h3.sub{margin:22px 0 10px}
.bars{display:grid;grid-template-columns:minmax(120px,170px) 1fr auto;gap:8px 14px;align-items:center}
.bars .value{font-variant-numeric:tabular-nums;white-space:nowrap;text-align:right;min-width:64px}
.track{position:relative;height:14px;background:var(--wash);border-radius:3px;overflow:hidden;
print-color-adjust:exact;-webkit-print-color-adjust:exact}
.fill{position:absolute;left:0;top:0;bottom:0;background:#a3afc0;border-radius:3px}
.fill.this{background:var(--accent)}
.fill.longer{background:var(--warn)}
.band{position:absolute;top:0;bottom:0;background:#d5dce7}
.median{position:absolute;top:0;bottom:0;width:2px;margin-left:-1px;background:var(--ink)}
.changes,.reasons,.tells,.stages,.milestones,.timeline,.participants{list-style:none;margin:0;padding:0}
.changes>li{display:grid;grid-template-columns:150px 84px 1fr;gap:4px 14px;padding:8px 0;border-top:1px solid var(--line)}
.changes .when{color:var(--muted);font-size:13px;font-variant-numeric:tabular-nums}
.delta{font-weight:600;font-variant-numeric:tabular-nums;margin-left:6px}
.delta.down{color:var(--lost)}
.delta.up{color:var(--won)}
.reasons li{margin:2px 0}
.effect{font-variant-numeric:tabular-nums;color:var(--muted);font-size:13px;margin-left:4px}
.evidence{font-size:13px;margin-left:6px}
.evidence a,.evidence .missing{margin-right:10px;white-space:nowrap}
.evidence-list{margin:2px 0 0;padding-left:18px;font-size:13px}
.evidence-list li{margin:1px 0;overflow-wrap:anywhere}
.missing{color:var(--faint)}
.stages>li{padding:14px 0;border-top:1px solid var(--line)}
.stages>li:first-child{border-top:0;padding-top:0}
.stage-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:2px 16px;align-items:baseline}
.stage-when{font-size:13px;color:var(--muted);font-variant-numeric:tabular-nums}
.stage-bar{margin:8px 0 6px}
.stage-numbers{font-size:13px;color:var(--muted)}
.stage-numbers strong{color:var(--ink)}
.verdict-longer{color:var(--warn);font-weight:600}
.milestones{margin-top:8px;display:grid;gap:4px}
.milestone{display:flex;flex-wrap:wrap;gap:2px 8px;font-size:14px;align-items:baseline}
.milestone .mark{width:16px;text-align:center;font-weight:700}
.milestone.attained .mark{color:var(--won)}
.milestone.missed{color:var(--muted)}
.milestone .meta{font-size:13px;color:var(--muted)}
.tells>li{padding:12px 14px;border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:6px;margin-bottom:10px}
.tells>li.cleared{border-left-color:var(--faint)}
.tell-head{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;margin-bottom:4px}
.tell-when{font-size:13px;color:var(--muted);margin-top:4px}
.tell-head .badge::first-letter{text-transform:uppercase}
.badge.active{color:var(--warn);background:var(--warn-soft);border-color:#f0c9a0}
.tells :target,.tells>li:target{outline:2px solid var(--accent)}
.timeline>li{position:relative;padding:12px 12px 14px 18px;border-left:3px solid var(--line);margin-left:4px;scroll-margin-top:12px}
.timeline>li::before{content:"";position:absolute;left:-8px;top:17px;width:11px;height:11px;border-radius:50%;background:var(--paper);border:2px solid #9aa6b6}
.timeline>li.kind-email::before{border-color:var(--accent)}
.timeline>li.kind-stage::before,.timeline>li.kind-closed::before{background:var(--ink);border-color:var(--ink)}
.timeline>li:target{background:var(--accent-soft);border-left-color:var(--accent)}
.item-head{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;font-size:13px;color:var(--muted)}
.item-head time{font-variant-numeric:tabular-nums;margin-right:4px}
.dir-inbound{background:#e3f3ea;border-color:#9ccfb2;color:#0c5735}
.dir-outbound{background:var(--accent-soft);border-color:#a8bbe8;color:#1b3f8f}
.dir-internal{background:#f1eff9;border-color:#b9b0de;color:#463b86;border-style:dashed}
.dir-unknown{border-style:dotted}
.stage-chip{font-size:12px;color:var(--muted)}
.item-summary{margin-top:4px}
.subject{margin-top:6px;font-size:15px;overflow-wrap:anywhere}
.participants{margin-top:4px;font-size:13px;color:var(--muted);display:flex;flex-wrap:wrap;gap:0 14px}
.participants li{overflow-wrap:anywhere}
.origin{margin:2px 0 0;font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.body{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px;line-height:1.5;background:var(--wash);border-radius:6px;padding:10px 12px;margin-top:8px}
.placeholder{color:var(--muted)}
.questions{margin:10px 0 0;padding-left:20px;color:var(--muted)}
@media (max-width:640px){
.changes>li{grid-template-columns:1fr auto}
.changes>li>.reasons{grid-column:1/-1}
.bars{grid-template-columns:1fr auto}
.bars .label{grid-column:1/-1;margin-bottom:-6px}
.timeline>li{padding-right:4px}
}
@media print{
.toc{display:none}
.chart-scroll{overflow:visible}
.health-chart{min-width:0}
.health-chart .area{fill:#000;fill-opacity:.06}
.health-chart .line{stroke:#000}
.health-chart .event{stroke:#000}
.timeline>li,.tells>li,.stages>li,.changes>li,figure,.bars{break-inside:avoid}
.timeline>li{border-left-color:#999}
.timeline>li:target{background:none}
.body{background:none;border-left:2px solid #999;border-radius:0;padding:2px 0 2px 10px}
.fill.this{background:#222}
.fill.longer{background:#666}
}
)css";

const std::string_view kIndexCss = R"css(
.page{max-width:1280px}
.summary{margin-top:6px;color:var(--muted)}
td.nowrap{white-space:nowrap}
table.reports td:first-child{min-width:240px}
.table-scroll{overflow-x:auto}
table.reports{min-width:760px}
table.reports td{font-size:14px}
table.reports tr:hover td{background:var(--wash)}
@media print{table.reports{min-width:0}table.reports tr{break-inside:avoid}}
)css";

}  // namespace rearview::report
