#include "static_assets.h"

#include "rearview/report/render.h"

namespace rearview::web {
namespace {

constexpr std::string_view kAppCss = R"css(
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 18px;padding:10px 18px;
  background:#1f2937;color:#f9fafb}
.bar a{color:#f9fafb;text-decoration:none}
.bar a:hover,.bar a:focus{text-decoration:underline}
.bar nav{display:flex;gap:14px;flex:1}
.brand{font-weight:700;letter-spacing:.02em}
.who{font-size:.9rem;color:#d1d5db}
form.inline{display:inline}
button.link{background:none;border:0;color:#f9fafb;cursor:pointer;font:inherit;padding:0;
  text-decoration:underline}
main{max-width:1100px;margin:0 auto;padding:16px}
main>.page{padding:0}
.narrow{max-width:30rem;margin:24px auto}
.card h1{margin-top:0}
label{display:block;font-weight:600;margin:12px 0 4px}
label.choice{display:flex;gap:8px;align-items:center;font-weight:400;margin:0;min-height:44px}
fieldset{border:1px solid #d1d5db;border-radius:8px;margin:16px 0;padding:8px 12px}
legend{font-weight:600;padding:0 4px}
.codes{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr))}
h2.question{font-size:1rem;margin:16px 0 0}
dl.answers dt{font-weight:600;margin-top:8px}
dl.answers dd{margin:0;white-space:pre-line}
input[type=email],input[type=password],input[type=text],input[type=search],select,textarea{
  width:100%;max-width:28rem;box-sizing:border-box;padding:10px;font:inherit;
  border:1px solid #9ca3af;border-radius:6px}
button,.button{display:inline-block;padding:10px 16px;border-radius:6px;border:1px solid #1d4ed8;
  background:#1d4ed8;color:#fff;font:inherit;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#1d4ed8}
.error{color:#991b1b;background:#fef2f2;border:1px solid #fecaca;padding:10px;border-radius:6px}
.notice{color:#065f46;background:#ecfdf5;border:1px solid #a7f3d0;padding:10px;border-radius:6px}
table.deals{width:100%;border-collapse:collapse}
table.deals th,table.deals td{text-align:left;padding:8px 6px;border-bottom:1px solid #e5e7eb;
  vertical-align:top}
table.deals td.num{text-align:right;font-variant-numeric:tabular-nums}
.health{font-weight:700}
.health-low{color:#991b1b}.health-mid{color:#92400e}.health-high{color:#065f46}
.tell-list{margin:0;padding-left:18px;font-size:.9rem}
details.fold>summary{cursor:pointer;color:#1d4ed8;margin:6px 0}
.milestones-page{max-width:34rem}
.milestone{border-bottom:1px solid #e5e7eb;padding:12px 0}
.milestone h3{margin:0 0 8px;font-size:1rem}
.choices{display:flex;flex-wrap:wrap;gap:8px}
.choices form{margin:0}
.choices button{min-height:44px;min-width:44px;background:#fff;color:#1f2937;border-color:#9ca3af}
.choices button[aria-pressed=true]{background:#065f46;border-color:#065f46;color:#fff}
.attained{font-size:.85rem;color:#4b5563;margin:6px 0 0}
#live-status{font-size:.85rem;color:#4b5563;min-height:1.2em}
.panel{max-width:24rem;font-size:.95rem}
@media (max-width:640px){main{padding:8px}.bar{padding:8px 10px}
  table.deals .wide{display:none}}
)css";

// Hand-written: a few lines of fetch and DOMParser do what a front-end
// framework would, and the pages work without it (they only stop updating).
constexpr std::string_view kLiveJs = R"js(// Keeps a deal's page current: asks the server twice a second (every 5 s in a background tab) whether the
// deal's analysis changed and, when it did, fetches the page again and
// swaps in its main part, keeping open items open.
(function () {
  'use strict';
  const main = document.getElementById('main');
  const url = main && main.dataset.live;
  if (!url) return;
  let version = null;

  function status(text) {
    const line = document.getElementById('live-status');
    if (line) line.textContent = text;
  }

  async function swap(state) {
    const response = await fetch(location.href, {cache: 'no-store', credentials: 'same-origin'});
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.getElementById('main');
    if (!fresh) return;
    const open = Array.from(main.querySelectorAll('details[open]'))
      .map((fold) => fold.closest('[id]'))
      .filter((item) => item)
      .map((item) => item.id);
    main.replaceChildren(...Array.from(fresh.childNodes).map((node) => document.adoptNode(node)));
    for (const id of open) {
      const fold = document.getElementById(id)?.querySelector('details');
      if (fold) fold.open = true;
    }
    status('Updated ' + new Date().toLocaleTimeString());
    main.dataset.version = state.version;
  }

  async function poll() {
    try {
      const response = await fetch(url, {cache: 'no-store', credentials: 'same-origin',
                                          headers: {Accept: 'application/json'}});
      if (response.ok) {
        const state = await response.json();
        if (version !== null && state.version !== version) await swap(state);
        else main.dataset.version = state.version;
        version = state.version;
      }
    } catch (error) {
      status('Reconnecting…');
    }
    setTimeout(poll, document.hidden ? 5000 : 500);
  }
  poll();
})();
)js";

// A rear-view mirror: the tab's icon.
constexpr std::string_view kFavicon =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
    "<rect x=\"2\" y=\"8\" width=\"28\" height=\"14\" rx=\"7\" fill=\"#1f3a5f\"/>"
    "<rect x=\"5\" y=\"11\" width=\"22\" height=\"8\" rx=\"4\" fill=\"#9cc3e6\"/>"
    "<rect x=\"14\" y=\"22\" width=\"4\" height=\"6\" fill=\"#1f3a5f\"/></svg>\n";

HttpResponse asset(std::string_view content_type, std::string body) {
  HttpResponse response;
  response.content_type = std::string(content_type);
  response.body = std::move(body);
  response.header("Cache-Control", "public, max-age=300");
  response.header("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace

std::optional<HttpResponse> static_asset(std::string_view path) {
  if (path == "/static/report.css") {
    static const std::string report_css = report_stylesheet();
    return asset("text/css; charset=utf-8", report_css);
  }
  if (path == "/static/favicon.svg" || path == "/favicon.ico")
    return asset("image/svg+xml", std::string(kFavicon));
  if (path == "/static/app.css") return asset("text/css; charset=utf-8", std::string(kAppCss));
  if (path == "/static/live.js")
    return asset("text/javascript; charset=utf-8", std::string(kLiveJs));
  return std::nullopt;
}

}  // namespace rearview::web
