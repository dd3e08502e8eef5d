/// The dispatch pages' own stylesheet and the driver page's script (CSP: files from the site only).
enum DispatchAssets {
    static let css = """
    .manifest{break-after:page;page-break-after:always;margin-bottom:24px}
    .manifest table{border-collapse:collapse;width:100%;background:#fff}
    .manifest td.sign{min-width:90px}
    .driver-stops{list-style:none;padding:0;margin:0}
    .driver-stop{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;margin-bottom:10px}
    .driver-stop .stop-head{display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap}
    .stop-actions{display:flex;gap:8px;flex-wrap:wrap}
    .stop-actions .btn{flex:1 1 30%;min-height:44px;padding:8px 6px}
    .btn.mark.done{background:var(--brand);color:#fff}
    .btn.mark.queued{background:#fff7e6;color:#92400e;border:1px dashed #b45309}
    .sync{font-size:.9rem;color:var(--muted)}.sync.offline{color:var(--warn)}
    @media print{header.top,nav.side,footer,.subnav,.btn,.skip{display:none!important}main{padding:0}body{background:#fff}
      .manifest th,.manifest td{border:1px solid #333;padding:4px 6px}}
    """

    /// Marks are queued in localStorage under `xc.dispatch.marks`, each with an id made here, and
    /// sent (all that are queued) on every tap, when the phone comes back online and every 20 s.
    /// The server answers per mark: created, duplicate (already stored) or rejected; all three
    /// leave the queue, so a mark is never sent forever and never stored twice. Ids are compared
    /// in lower case (the server writes UUIDs in upper case, phones in lower case).
    static let driverScript = """
    (function(){
      var list=document.getElementById('driver-stops');if(!list)return;
      var KEY='xc.dispatch.marks',status=document.getElementById('sync-status');
      function load(){try{return JSON.parse(localStorage.getItem(KEY)||'[]')}catch(e){return []}}
      function save(q){try{localStorage.setItem(KEY,JSON.stringify(q))}catch(e){}}
      function uuid(){if(window.crypto&&crypto.randomUUID)return crypto.randomUUID();
        var b=new Uint8Array(16);crypto.getRandomValues(b);b[6]=(b[6]&15)|64;b[8]=(b[8]&63)|128;
        var h=Array.prototype.map.call(b,function(x){return (x+256).toString(16).slice(1)}).join('');
        return h.slice(0,8)+'-'+h.slice(8,12)+'-'+h.slice(12,16)+'-'+h.slice(16,20)+'-'+h.slice(20)}
      function show(text,offline){if(status){status.textContent=text;status.className=offline?'sync offline':'sync'}}
      function paint(){var q=load();q.forEach(function(m){
        var b=list.querySelector('button[data-stop="'+m.stop+'"][data-kind="'+m.kind+'"]');
        if(b&&!b.classList.contains('done')){b.classList.add('queued');b.setAttribute('aria-pressed','true')}});
        if(q.length)show(list.dataset.pending.replace('{0}',q.length),!navigator.onLine)}
      var sending=false;
      function flush(){var q=load();if(!q.length||sending)return;sending=true;
        fetch(list.dataset.endpoint,{method:'POST',credentials:'same-origin',
          headers:{'Content-Type':'application/json','X-CSRF-Token':list.dataset.csrf},body:JSON.stringify({marks:q})})
        .then(function(r){if(!r.ok)throw new Error(r.status);return r.json()})
        .then(function(res){var done={},rejected=0;(res.outcomes||[]).forEach(function(o){done[String(o.id).toLowerCase()]=o;if(o.result==='rejected')rejected++});
          var left=load().filter(function(m){return !done[m.id.toLowerCase()]});save(left);
          q.forEach(function(m){var o=done[m.id.toLowerCase()];if(!o||o.result==='rejected')return;
            var b=list.querySelector('button[data-stop="'+m.stop+'"][data-kind="'+m.kind+'"]');
            if(b){b.classList.remove('queued');b.classList.add('done')}});
          show(rejected?list.dataset.rejected.replace('{0}',rejected):(left.length?list.dataset.pending.replace('{0}',left.length):list.dataset.synced),false)})
        .catch(function(){show(list.dataset.offline.replace('{0}',load().length),true)})
        .then(function(){sending=false})}
      list.addEventListener('click',function(e){var b=e.target.closest('button[data-kind]');if(!b||b.classList.contains('done')||b.classList.contains('queued'))return;
        var q=load();q.push({id:uuid(),stop:b.dataset.stop,kind:b.dataset.kind,at:new Date().toISOString()});save(q);paint();flush()});
      window.addEventListener('online',flush);setInterval(flush,20000);paint();flush();
    })();
    """
}
