/// The scan page's script (its own file: the CSP allows no inline script). Keeps the cursor
/// in the waybill field so a keyboard-wedge scanner can scan, Enter, scan; beeps and vibrates
/// on an error so the sorter notices without looking.
enum LogisticsAssets {
    static let scanJS = """
    (function(){
      var input=document.querySelector('.scan-input')||document.querySelector('#f-code');
      if(input){input.focus();if(input.select){input.select();}}
      var r=document.querySelector('[data-scan]');
      if(!r){return;}
      var bad=r.getAttribute('data-scan')==='error';
      try{
        var C=window.AudioContext||window.webkitAudioContext;var ctx=new C();
        var tones=bad?[220,0,220]:[880];
        tones.forEach(function(f,i){if(!f){return;}var o=ctx.createOscillator();var g=ctx.createGain();
          o.frequency.value=f;o.connect(g);g.connect(ctx.destination);g.gain.value=0.2;
          o.start(ctx.currentTime+i*0.15);o.stop(ctx.currentTime+i*0.15+(bad?0.12:0.08));});
      }catch(e){}
      if(bad&&navigator.vibrate){navigator.vibrate([120,60,120]);}
    })();
    """
}
