// Browser tests for `corroborate serve`: a real chromium (Debian package)
// driven by playwright-core against a store built from examples/aleppo.
// Run: node --test (from this folder), after `cargo build -p corroborate`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const bin = process.env.CORROBORATE_BIN || join(repo, "target/debug/corroborate");
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });

let work, server, base, browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "corroborate-e2e-"));
  const db = join(work, "e2e.db");
  execFileSync(bin, ["--db", db, "--quiet", "ingest", join(repo, "examples/aleppo")], { stdio: "inherit" });
  execFileSync(bin, ["--db", db, "--quiet", "report", "--out", join(work, "report.html")], { stdio: "inherit" });
  server = spawn(bin, ["--db", db, "--quiet", "serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("server did not print its URL: " + out)), 60000);
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); ok(m[0].replace(/\/$/, "")); }
    });
    server.on("exit", (c) => fail(new Error("server exited with " + c)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
    // playwright gives every launch a new temporary --user-data-dir itself.
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A page that fails the test on any console error or uncaught exception. */
async function openPage(t, viewport = { width: 1280, height: 900 }, allow = null) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error" && !(allow && allow.test(m.text()))) errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  t.after(async () => {
    await ctx.close();
    assert.deepEqual(errors, [], "console errors");
  });
  return page;
}

async function visit(page, path, shot) {
  const res = await page.goto(base + path);
  assert.equal(res.status(), 200, path);
  if (shot) await page.screenshot({ path: join(artifacts, shot + ".png"), fullPage: true });
  return res;
}

test("every page loads without console errors", async (t) => {
  const page = await openPage(t);
  for (const [path, shot] of [["/", "overview"], ["/search?q=Aleppo", "search"], ["/outlets", "outlets"],
    ["/disputes", "disputes"], ["/speakers", "speakers"], ["/provenance", "provenance"], ["/add", "add"]]) {
    await visit(page, path, shot);
    assert.ok(await page.locator("main h1").isVisible(), path + " has a heading");
    const csp = (await page.request.get(base + path)).headers()["content-security-policy"];
    assert.match(csp, /script-src 'self'/);
  }
  // Outlet and article pages, reached through links.
  await visit(page, "/");
  await page.locator("table.hbars a").first().click();
  await page.waitForURL(/\/outlet\//);
  await page.screenshot({ path: join(artifacts, "outlet.png"), fullPage: true });
  await page.locator("ul.doclist a").first().click();
  await page.waitForURL(/\/doc\//);
  assert.ok(await page.locator("aside.record").isVisible());
  assert.ok((await page.locator(".text .hl.ent").count()) > 0, "entities highlighted");
  await page.screenshot({ path: join(artifacts, "article.png"), fullPage: false });
});

test("navigation bar reaches each view", async (t) => {
  const page = await openPage(t);
  await visit(page, "/");
  for (const [label, h1] of [["Search", "Search"], ["Disputes", "Disputes"], ["Speakers", "Speakers"],
    ["Provenance", "Provenance"], ["Add articles", "Add articles"], ["Overview", "The record"]]) {
    await page.locator("header.top nav a", { hasText: label }).click();
    await page.waitForLoadState();
    assert.equal((await page.locator("main h1").textContent()).trim(), h1);
  }
});

test("search finds a quote and links to the article", async (t) => {
  const page = await openPage(t);
  await visit(page, "/search");
  await page.fill("input[name=q]", "\"independently verified\"");
  await page.click("form.search button");
  await page.waitForURL(/q=/);
  const mark = page.locator("ol.hits mark").first();
  assert.equal((await mark.textContent()).toLowerCase(), "independently verified");
  await page.screenshot({ path: join(artifacts, "search-quote.png"), fullPage: true });
  await page.locator("ol.hits li a").first().click();
  await page.waitForURL(/\/doc\//);
  assert.match(await page.locator(".text").textContent(), /independently verified/);
});

test("an uploaded article is analysed and appears", async (t) => {
  const page = await openPage(t);
  await visit(page, "/add");
  const title = "E2E upload " + Date.now();
  await page.fill("input[name=title]", title);
  await page.fill("input[name=outlet]", "E2E Wire");
  await page.fill("input[name=published]", "2016-12-20");
  await page.fill("textarea[name=text]",
    "Russian Defence Ministry spokesman Igor Konashenkov said on Tuesday that 5,000 civilians left eastern Aleppo. " +
    "The figure could not be independently verified.");
  await page.click("form.add button");
  await page.waitForURL(/\/doc\/web_/);
  assert.equal((await page.locator("main h1").textContent()).trim(), title);
  assert.ok((await page.locator(".text .hl").count()) > 0, "the upload was analysed (highlights)");
  await page.screenshot({ path: join(artifacts, "uploaded.png"), fullPage: true });
  await visit(page, "/");
  assert.ok(await page.locator("ul.doclist a", { hasText: title }).isVisible());
  await visit(page, "/search?q=" + encodeURIComponent("Konashenkov"));
  assert.ok(await page.locator("ol.hits a", { hasText: title }).isVisible());
});

test("an empty upload gets a clear error", async (t) => {
  // The form answers 400 (which chromium logs); nothing else may be logged.
  const page = await openPage(t, undefined, /status of 400/);
  await visit(page, "/add");
  await page.click("form.add button");
  assert.match(await page.locator("p.error").textContent(), /Nothing to add/);
  await page.screenshot({ path: join(artifacts, "add-error.png"), fullPage: true });
});

test("a dispute is visible with each source's value and links to its sentence", async (t) => {
  const page = await openPage(t);
  await visit(page, "/disputes", "disputes");
  assert.equal((await page.locator("main h1").textContent()).trim(), "Disputes");
  // The bundled corpus reports two evacuation figures that disagree.
  const dispute = page.locator("section.dispute").first();
  assert.ok(await dispute.isVisible(), "at least one dispute on the bundled corpus");
  assert.ok(await dispute.locator("svg.ranges").isVisible(), "the values are charted");
  assert.ok((await dispute.locator("svg.ranges text").count()) >= 4, "two sources, each with a label and a value");
  await page.screenshot({ path: join(artifacts, "disputes.png"), fullPage: true });
  const link = dispute.locator("ul.claims a[href*='#f']").first();
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForURL((u) => u.pathname.startsWith("/doc/"));
  const anchor = href.split("#")[1];
  assert.ok(await page.locator(`[id="${anchor}"]`).isVisible(), "the figure is highlighted in the article");
});

test("article page is readable at phone width", async (t) => {
  const page = await openPage(t, { width: 390, height: 844 });
  await visit(page, "/");
  await page.locator("ul.doclist a").first().click();
  await page.waitForURL(/\/doc\//);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll (scrollWidth ${width})`);
  await page.screenshot({ path: join(artifacts, "article-phone.png"), fullPage: false });
  await visit(page, "/", "overview-phone");
});

test("the one-file report opens and navigates without a server", async (t) => {
  const page = await openPage(t);
  await page.goto("file://" + join(work, "report.html"));
  assert.ok(await page.locator("#overview h1").isVisible());
  assert.equal(await page.locator("script").count(), 0, "no script in the report");
  await page.locator("#overview ul.doclist a").first().click();
  const article = page.locator("section.view:target");
  assert.ok(await article.locator("article.doc h1").isVisible(), "article view shown");
  assert.ok((await article.locator(".text .hl").count()) > 0);
  await page.screenshot({ path: join(artifacts, "report-article.png") });
  await page.locator("header.top nav a", { hasText: "Disputes" }).click();
  assert.ok(await page.locator("#disputes h1").isVisible());
});
