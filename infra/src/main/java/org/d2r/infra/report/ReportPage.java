package org.d2r.infra.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The report's one self-contained HTML page: text, tables and the figures' PNG files embedded as data URIs, so that
 * the page shows everything when mailed or opened offline (no script, no stylesheet or font from elsewhere).
 */
final class ReportPage {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    ReportPage(String title) {
        this.title = title;
    }

    void heading(int level, String text) {
        body.append("<h").append(level).append('>').append(esc(text)).append("</h").append(level).append(">\n");
    }

    void paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
    }

    void list(List<String> items) {
        body.append("<ul>\n");
        for (String i : items) body.append("<li>").append(esc(i)).append("</li>\n");
        body.append("</ul>\n");
    }

    /** A table; {@code id} names it for readers of the page (and its tests). */
    void table(String id, List<String> header, List<List<String>> rows) {
        body.append("<table id=\"").append(esc(id)).append("\">\n<thead><tr>");
        for (String h : header) body.append("<th>").append(esc(h)).append("</th>");
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            for (String c : r) body.append("<td>").append(esc(c)).append("</td>");
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
    }

    /** The PNG at {@code png}, embedded, with its caption and the file's name (the same figure lies beside the page). */
    void figure(Path png, String caption) throws IOException {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        body.append("<figure><img src=\"data:image/png;base64,").append(data).append("\" alt=\"").append(esc(caption))
                .append("\"><figcaption>").append(esc(caption)).append(" (").append(esc(png.getFileName().toString()))
                .append(")</figcaption></figure>\n");
    }

    void write(Path file) throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}thead{background:#f0f0f0}"
                + "figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;font-size:90%}</style>\n"
                + "</head>\n<body>\n<h1>" + esc(title) + "</h1>\n" + body + "</body>\n</html>\n";
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }
}
