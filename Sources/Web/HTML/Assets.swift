/// The only stylesheet and script, served by the app itself (no CDN, no web fonts:
/// the system's CJK fonts render Chinese).
enum Assets {
    static let css = """
    :root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--bg:#f5f7fa;--brand:#0b6e4f;--brand-2:#e8f4ef;--warn:#b42318;--card:#fff}
    *{box-sizing:border-box}
    html{font-size:16px}
    body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei","Source Han Sans SC",system-ui,sans-serif;color:var(--ink);background:var(--bg);line-height:1.6}
    a{color:var(--brand)}
    .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
    header.top{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:10px 16px;background:var(--brand);color:#fff;flex-wrap:wrap}
    header.top a{color:#fff;text-decoration:none}
    .brand strong{font-size:1.15rem;margin-right:10px}.brand .county{opacity:.9}
    .top-actions{display:flex;gap:14px;align-items:center}
    button.link{background:none;border:0;color:#fff;cursor:pointer;font:inherit;text-decoration:underline;padding:0}
    form.inline{display:inline}
    .shell{display:flex;max-width:1280px;margin:0 auto}
    nav.side{width:210px;flex:none;padding:12px 8px}
    nav.side summary{display:none}
    nav.side ul{list-style:none;margin:0;padding:0}
    nav.side li a{display:block;padding:8px 12px;border-radius:6px;color:var(--ink);text-decoration:none}
    nav.side li a:hover{background:var(--brand-2)}
    nav.side li a[aria-current=page]{background:var(--brand);color:#fff}
    main{flex:1;min-width:0;padding:16px 20px 40px}
    h1{font-size:1.5rem;margin:.2em 0 .8em}
    h2{font-size:1.15rem;margin:1.4em 0 .6em}
    footer{text-align:center;color:var(--muted);font-size:.85rem;padding:20px}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}
    .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px}
    .card .num{font-size:1.8rem;font-weight:600;color:var(--brand);white-space:nowrap}
    .card .label{color:var(--muted)}
    .card.warn .num{color:var(--warn)}
    .shortcuts{margin:12px 0}.card.primary{background:var(--brand);border-color:var(--brand)}.card.primary .label{color:#fff;font-size:1.1rem;font-weight:600}
    a.card{text-decoration:none;color:inherit}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px;margin-top:12px}
    .charts figure{margin:0}.charts svg{max-width:100%;height:auto}
    .panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px;margin-bottom:16px}
    .table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
    table{border-collapse:collapse;width:100%;font-size:.95rem}
    th,td{padding:8px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{background:#eef2f6;white-space:nowrap}
    table.compare th{white-space:normal;min-width:5em}table.compare td:nth-child(2){white-space:nowrap}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .tag{display:inline-block;padding:0 8px;border-radius:10px;background:var(--brand-2);color:var(--brand);font-size:.85rem}
    .tag.off{background:#fdecea;color:var(--warn)}
    .field{margin-bottom:12px}
    .field label{display:block;font-weight:600;margin-bottom:4px}
    .field input,.field select{width:100%;max-width:420px;padding:9px 10px;border:1px solid #b8c1cc;border-radius:6px;font:inherit;background:#fff}
    .field input[type=checkbox],.field input[type=radio]{width:auto;padding:0;margin:0 6px 0 0;vertical-align:middle}
    .field textarea{width:100%;max-width:760px;padding:9px 10px;border:1px solid #b8c1cc;border-radius:6px;font:inherit;background:#fff}
    .field.invalid input,.field.invalid select{border-color:var(--warn)}
    .error,.error-summary{color:var(--warn);margin:4px 0}
    div.error-summary{border:2px solid var(--warn);border-radius:6px;padding:8px 12px;background:#fff}
    div.error-summary ul{margin:4px 0 0;padding-left:20px}div.error-summary a{color:var(--warn)}div.error-summary:focus{outline:3px solid #f7b500}
    .inbox h2{margin-top:0}.inbox ul{margin:0;padding-left:20px}.inbox li{margin:6px 0}
    .hint{display:block;color:var(--muted)}
    .flash{background:var(--brand-2);border-left:4px solid var(--brand);padding:8px 12px}
    .btn,button.btn{display:inline-block;background:var(--brand);color:#fff;border:0;border-radius:6px;padding:9px 16px;font:inherit;cursor:pointer;text-decoration:none}
    .btn.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
    .filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;margin-bottom:12px}
    .filters .field{margin:0}.filters .field input,.filters .field select{width:auto}
    .pager{display:flex;gap:14px;align-items:center;margin:12px 0}
    .login{max-width:380px;margin:40px auto;background:#fff;border:1px solid var(--line);border-radius:10px;padding:24px}
    .login .field input{max-width:none}
    pre.token{background:#fff;border:1px dashed var(--brand);padding:10px;white-space:pre-wrap;word-break:break-all}
    .muted{color:var(--muted)}
    ul.targets{margin:0;padding-left:1.1em}ul.targets li{margin:2px 0}
    .small{font-size:.85rem}
    table.records td{white-space:nowrap}
    .notice{background:#eef6ff;border-left:4px solid #1d4ed8;padding:8px 12px;margin:0 0 12px}
    .subnav{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 14px}
    .subnav a{padding:6px 12px;border:1px solid var(--line);border-radius:16px;background:#fff;text-decoration:none;color:var(--ink)}
    .subnav a[aria-current=page]{background:var(--brand);border-color:var(--brand);color:#fff}
    .actions{display:flex;flex-wrap:wrap;gap:8px}
    .tag.muted-tag{background:#eef2f6;color:var(--muted)}
    tr.total td{font-weight:600;background:#f8fafc}
    .chart svg{max-width:100%;height:auto;display:block}
    dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px 20px;margin:0}
    dl.facts dt{color:var(--muted);font-size:.85rem}dl.facts dd{margin:0;word-break:break-word}
    .field.check label{font-weight:400;display:flex;gap:8px;align-items:center}
    .field.check input{width:auto}
    fieldset.services{border:1px solid var(--line);border-radius:6px;margin:0 0 12px;padding:8px 12px;display:flex;flex-wrap:wrap;gap:6px 16px}
    fieldset.services legend{font-weight:600}
    fieldset.services.invalid{border-color:var(--warn)}
    label.check{display:inline-flex;gap:6px;align-items:center;min-height:32px}
    .pair{display:flex;gap:12px;flex-wrap:wrap}.pair .field{flex:1;min-width:140px}
    .alert-warn{background:#fff7e6;border-left:4px solid #f59e0b;padding:8px 12px;margin:0 0 12px}
    .panel.narrow{max-width:520px}
    .btn.block{width:100%;padding:12px}
    .photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
    .photos figure{margin:0}.photos img{width:100%;height:120px;object-fit:cover;border-radius:6px;border:1px solid var(--line)}
    .photos figcaption{font-size:.8rem;color:var(--muted);word-break:break-all}
    .directory{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:10px}
    .directory .entry{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px}
    .directory h3{font-size:1rem;margin:0 0 4px}.directory p{margin:2px 0}
    .scan-result{padding:12px 14px;border-radius:8px;margin:0 0 12px;font-size:1.1rem}.scan-result.ok{background:#e8f4ef;border:2px solid var(--brand)}
    .scan-result.bad{background:#fdecea;border:2px solid var(--warn);color:var(--warn)}.pickup-code{font-size:1.6rem;font-weight:700;margin:6px 0 0}
    .scan-form .scan-input{font-size:1.3rem;padding:12px;max-width:none}
    @media (max-width:760px){
      table.stack thead{display:none}
      table.stack tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
      table.stack td{display:block;border:0;padding:2px 10px}
      .filters .field{flex:1 1 140px}.filters .field input,.filters .field select{width:100%}
      .shell{display:block}
      nav.side{width:auto;padding:0 8px;background:#fff;border-bottom:1px solid var(--line)}
      nav.side summary{display:block;padding:10px 8px;cursor:pointer;font-weight:600}
      nav.side ul{display:grid;grid-template-columns:1fr 1fr;gap:2px;padding-bottom:8px}
      main{padding:12px}
      th,td{padding:6px 8px}
      .brand .county{display:block;font-size:.85rem}
      .who{display:none}
    }
    """

    /// Small progressive enhancements: collapse the menu on phones, confirm dangerous buttons.
    static let js = """
    (function(){
      var s=document.querySelector('.error-summary[tabindex]');
      if(s){s.focus();}
      var w=document.querySelector('input[name=amountWanYuan]');
      if(w){var o=document.createElement('small');o.className='hint echo';w.parentNode.insertBefore(o,w.nextSibling);
        var f=function(){var v=parseFloat(w.value);o.textContent=isNaN(v)?'':'= '+(v*10000).toLocaleString('zh-CN',{minimumFractionDigits:2,maximumFractionDigits:2})+' 元';};
        w.addEventListener('input',f);f();}
      var d=document.querySelector('nav.side details');
      if(d&&window.matchMedia('(max-width:760px)').matches){d.removeAttribute('open');}
      document.addEventListener('submit',function(e){
        var b=e.target.querySelector('[data-confirm]');
        if(b&&!window.confirm(b.getAttribute('data-confirm'))){e.preventDefault();}
      });
    })();
    """
}
