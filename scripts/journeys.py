#!/usr/bin/env python3
"""Browser journeys: a real chromium (Selenium, Debian's chromium + chromedriver) walks what a new
user does, on a desktop window for the county officer and a 390-pixel window for the phone users,
and checks each page's key elements. Screenshots go to OUT (default ./journeys-screens/).

    scripts/journeys.py [--base URL] [--out DIR]    (without --base: starts `serve --demo` itself)

Journeys: sign in; create a task; record a disbursement and approve it as a second county
administrator; download the self-assessment; a station operator submits a monthly record (390 px);
a sorter scans a parcel (390 px); a driver marks a stop (390 px); a consumer opens a trace page
(390 px, no sign-in). Exit status 1 with the failed checks listed.
"""
import argparse, http.cookiejar, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from demo_facts import parcel, trace_path  # noqa: E402
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "xiangcun-demo"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


class Browser:
    def __init__(self, base, out, width, height, name):
        opts = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN", f"--window-size={max(width, 500)},{height}"]:
            opts.add_argument(a)
        if width < 500:  # headless windows are at least 500 px wide: emulate the phone's screen
            opts.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
        opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.d = webdriver.Chrome(options=opts, service=service)
        self.base, self.out, self.name, self.n = base, out, name, 0

    def go(self, path):
        self.d.get(self.base + path)

    def shot(self, label):
        self.n += 1
        self.d.save_screenshot(os.path.join(self.out, f"{self.name}-{self.n:02d}-{label}.png"))

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def field(self, name):
        return self.d.find_element(By.NAME, name)

    def submit(self, form_action):
        self.follow(self.d.find_element(By.CSS_SELECTOR, f'form[action="{form_action}"] button[type="submit"]'))

    def follow(self, element):
        """Clicks a link or a submit button and waits for the next page (the old one's body goes
        stale), so nothing is looked up on the page being left."""
        body = self.d.find_element(By.TAG_NAME, "body")
        element.click()
        WebDriverWait(self.d, 60).until(lambda d: self.stale(body))

    @staticmethod
    def stale(element):
        try:
            element.is_enabled()
            return False
        except Exception:
            return True

    def sign_in(self, user):
        self.go("/login")
        self.field("username").send_keys(user)
        self.field("password").send_keys(PASSWORD)
        self.submit("/login")

    def check_fits_phone(self, who):
        check(self.d.execute_script("return document.documentElement.scrollWidth") <= 390, f"{who}: nothing wider than the phone")

    def close(self):
        self.d.quit()


def officer(base, out):
    b = Browser(base, out, 1366, 900, "officer")
    try:
        b.sign_in("suichang")
        check("遂昌" in b.text(), "officer: signed in, the home page names the county")
        b.shot("home")
        # Tasks are created the way a county creates them: by importing the plan workbook (here the
        # demo county's own plan, replacing the demo programme), then they are listed.
        b.go("/programme/import")
        plan = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Fuzz/Corpus/FuzzPlanWorkbook/plan.xlsx")
        b.d.find_element(By.CSS_SELECTOR, 'form[action="/programme/import"] input[type="file"]').send_keys(plan)
        b.field("replace").click()
        b.submit("/programme/import")
        check("已导入" in b.text(), "officer: the plan workbook is imported")
        b.shot("plan-imported")
        b.go("/programme/tasks")
        check("建设县级快递统仓共配中心" in b.text(), "officer: the imported tasks are listed")
        # Record a disbursement of 1 万元 on the first fund row.
        b.go("/programme/funds")
        Select(b.field("fundRowID")).select_by_index(1)
        b.field("amountWanYuan").send_keys("1")
        b.field("tranche").send_keys("旅程测试")
        b.submit("/programme/disbursements")
        check("旅程测试" in b.text(), "officer: the disbursement is recorded and listed as pending")
        b.shot("disbursement-recorded")
        # Self-assessment: the link downloads a .docx (checked with the browser's own session).
        cookies = {c["name"]: c["value"] for c in b.d.get_cookies()}
        req = urllib.request.Request(base + "/programme/report/self-assessment.docx",
                                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        with urllib.request.urlopen(req, timeout=120) as r:
            body = r.read()
        check(body[:2] == b"PK" and "wordprocessingml" in r.headers.get("Content-Type", ""), "officer: the self-assessment downloads as .docx")
        # A second administrator approves (the recorder may not approve his own entry).
        b.go("/users/new")
        b.field("username").send_keys("approver")
        b.field("displayName").send_keys("复核人（示例）")
        Select(b.field("role")).select_by_value("countyAdmin")
        b.field("password").send_keys(PASSWORD)
        b.submit("/users/new")
        b.shot("approver-created")
    finally:
        b.close()
    a = Browser(base, out, 1366, 900, "approver")
    try:
        a.sign_in("approver")
        a.go("/programme/funds")
        buttons = a.d.find_elements(By.XPATH, '//tr[contains(., "旅程测试")]//button[@value="approved" or contains(., "批准") or contains(., "通过")]')
        check(bool(buttons), "approver: the pending disbursement offers approval")
        if buttons:
            a.follow(buttons[0])
            row = a.d.find_elements(By.XPATH, '//tr[contains(., "旅程测试")]')
            check(bool(row) and ("已批准" in row[0].text or "已拨付" in row[0].text or "通过" in row[0].text), "approver: the disbursement is approved")
        a.shot("approved")
    finally:
        a.close()


def station_operator(base, out):
    b = Browser(base, out, 390, 844, "station")
    try:
        b.sign_in("station")
        b.shot("home")
        station = b.d.find_elements(By.CSS_SELECTOR, 'a.card.primary[href="/network/facilities"]')
        check(bool(station), "station: the home page leads to the operator's station")
        if station:
            b.follow(station[0])
            own = b.d.find_elements(By.CSS_SELECTOR, 'table a[href^="/network/facilities/"]')
            if own:
                b.follow(own[0])
        links = b.d.find_elements(By.CSS_SELECTOR, 'a[href$="/records"]')
        check(bool(links), "station: the station's page links to the monthly record form")
        if links:
            b.follow(links[0])
            b.shot("record-form")
            inputs = [i for i in b.d.find_elements(By.CSS_SELECTOR, 'form input[type="text"], form input:not([type])') if i.is_displayed()]
            for i in inputs:
                if not i.get_attribute("value"):
                    i.send_keys("3")
            form = b.d.find_element(By.CSS_SELECTOR, 'form[action*="/records"]')
            b.submit(form.get_attribute("action").replace(base, ""))
            b.shot("record-saved")
            check("已保存" in b.text() or "已提交" in b.text() or "保存" in b.text(), "station: the monthly record is saved")
        b.check_fits_phone("station")
    finally:
        b.close()


def sorter(base, out, waybill):
    b = Browser(base, out, 390, 844, "sorter")
    try:
        b.sign_in("sorter")
        b.go("/logistics/scan")
        b.shot("scan-page")
        box = b.field("waybill")
        box.send_keys(waybill + Keys.ENTER)
        time.sleep(1)
        b.shot("scanned")
        check(waybill in b.text(), "sorter: the scanned waybill is acknowledged on the page")
        b.check_fits_phone("sorter")
    finally:
        b.close()


def driver(base, out):
    b = Browser(base, out, 390, 844, "driver")
    try:
        b.sign_in("driver")
        b.go("/routing/driver")
        b.shot("stops")
        buttons = [x for x in b.d.find_elements(By.CSS_SELECTOR, "button") if x.is_displayed() and "到达" in x.text]
        check(bool(buttons), "driver: today's stops offer 'arrived'")
        if buttons:
            buttons[0].click()
            time.sleep(2)
            b.shot("marked")
            check("已" in b.text(), "driver: the mark is shown as done or queued")
        b.check_fits_phone("driver")
    finally:
        b.close()


def consumer(base, out, trace_path):
    b = Browser(base, out, 390, 844, "consumer")
    try:
        b.go(trace_path)
        b.shot("trace")
        text = b.text()
        check("遂昌" in text or "批次" in text, "consumer: the trace page shows the product and batch")
        check(not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", b.d.page_source), "consumer: no phone number on the trace page")
        b.check_fits_phone("consumer")
    finally:
        b.close()


def demo_facts(db):
    """A batch's Digital Link path and a parcel waiting at the centre, read from the demo database."""
    found = parcel(db)
    return trace_path(db), found[0] if found else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/debug/xiangcun")
    ap.add_argument("--port", type=int, default=18941)
    ap.add_argument("--out", default="journeys-screens")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    data = tempfile.mkdtemp(prefix="xc-journeys-")
    base = f"http://127.0.0.1:{args.port}"
    log = open(os.path.join(data, "server.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--demo", "--data-dir", data, "--port", str(args.port), "--insecure-cookies"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(base + "/healthz", timeout=5).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        trace, waybill = demo_facts(os.path.join(data, "xiangcun.sqlite"))
        for name, journey in [("officer", lambda: officer(base, args.out)), ("station", lambda: station_operator(base, args.out)),
                              ("sorter", lambda: sorter(base, args.out, waybill or "SF1234567890")),
                              ("driver", lambda: driver(base, args.out)), ("consumer", lambda: consumer(base, args.out, trace))]:
            try:
                journey()
            except Exception as e:  # a journey that cannot go on is a failure, the others still run
                check(False, f"{name}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    print(f"journeys: {len(failures)} failed checks; screenshots in {args.out}/")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
