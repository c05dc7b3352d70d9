package org.customssentinel.backtest.report;

import java.util.Locale;

/** Builds one inline SVG chart: elements in plot coordinates, text escaped. */
final class Svg {

    /** A chart's drawing area: the SVG less its margins, in SVG coordinates. */
    record Plot(double left, double top, double width, double height) {

        /** The horizontal position {@code fraction} of the way across (0 left, 1 right). */
        double x(double fraction) {
            return left + fraction * width;
        }

        /** The vertical position {@code fraction} of the way up (0 bottom, 1 top). */
        double y(double fraction) {
            return top + height * (1 - fraction);
        }

        double bottom() {
            return top + height;
        }
    }

    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;
    private final String name;
    private final Plot plot;

    private Svg(String name, int width, int height, Plot plot) {
        this.name = name;
        this.width = width;
        this.height = height;
        this.plot = plot;
    }

    /** A {@code width} x {@code height} chart whose plot area, inside the margins given, is framed. */
    static Svg framed(String name, int width, int height, double left, double top, double right, double bottom) {
        Svg svg = new Svg(name, width, height, new Plot(left, top, width - left - right, height - top - bottom));
        return svg.rect(left, top, svg.plot.width(), svg.plot.height(), "frame", null);
    }

    Plot plot() {
        return plot;
    }

    Svg rect(double x, double y, double w, double h, String cssClass, String title) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\">%s</rect>",
                x, y, Math.max(0, w), Math.max(0, h), cssClass, title(title)));
        return this;
    }

    Svg circle(double x, double y, double r, String cssClass, String title) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s\">%s</circle>", x, y, r, cssClass, title(title)));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>", x1, y1, x2, y2, cssClass));
        return this;
    }

    Svg path(String d, String cssClass) {
        if (!d.isEmpty()) {
            body.append("<path d=\"").append(d).append("\" class=\"").append(cssClass).append("\"/>");
        }
        return this;
    }

    Svg text(double x, double y, String anchor, String cssClass, String text) {
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>", x, y, anchor, cssClass,
                Html.escape(text)));
        return this;
    }

    String render() {
        return String.format(Locale.ROOT, "<svg class=\"chart\" data-chart=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">%s</svg>",
                Html.escape(name), width, height, width, height, body);
    }

    private static String title(String title) {
        return title == null ? "" : "<title>" + Html.escape(title) + "</title>";
    }
}
