// The notice body is Markdown rendered on the server: raw HTML and script never come out, and
// dangerous link targets are dropped.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoticeMarkdown } from "@/components/notices/markdown";

const render = (source: string) => renderToStaticMarkup(createElement(NoticeMarkdown, { source }));

describe("NoticeMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = render("# 通知\n\n- 第一条\n- 第二条\n\n见[教务处](https://example.org/a)。");
    expect(html).toContain("<h2");
    expect(html).toContain("<li>第一条</li>");
    expect(html).toContain('href="https://example.org/a"');
  });

  it("drops raw HTML and script", () => {
    const html = render('前言\n\n<script>alert("x")</script>\n\n<img src=x onerror="alert(1)">\n\n<div onclick="alert(1)">点我</div>\n\n正文 <b onmouseover="alert(1)">粗</b>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror|onclick|onmouseover/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<div onclick/i);
    expect(html).toContain("正文");
  });

  it("drops javascript:, vbscript: and data: links", () => {
    const html = render("[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>");
    // No link carries them; an autolink's text may still read "javascript:…", as plain text.
    expect(html).not.toMatch(/href="[^"]*(javascript|vbscript|data):/i);
    expect(html).not.toMatch(/<a /i);
  });

  it("shows images as their alt text (no outside fetch)", () => {
    const html = render("![校徽](http://tracker.example/x.png)");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("[校徽]");
  });
});
