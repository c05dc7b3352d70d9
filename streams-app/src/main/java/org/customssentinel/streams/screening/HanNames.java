package org.customssentinel.streams.screening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.Transliterator;

/**
 * Chinese company names as their owners write them in Latin letters. ICU romanizes Han characters one syllable at a
 * time ({@code 北京尚易贤达} → {@code bei jing shang yi xian da}), while a company writes its name's syllables as
 * words ({@code Beijing Shangyixianda}), and translates, rather than romanizes, the words that say what kind of company
 * it is ({@code 科技有限公司}: {@code Technology Co., Ltd.}, not {@code keji youxian gongsi}). So those words are
 * translated first, from the glossary below, and each remaining run of Han characters becomes one word; screening
 * then joins split words ({@link FuzzyScore#joinSplitWords}) to meet {@code Beijing Shangyixianda}.
 */
final class HanNames {

    /** Company-kind words, longest first where one contains another. */
    private static final Map<String, String> GLOSSARY = glossary();
    private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}+");

    private HanNames() {
    }

    /** The name with its Han runs in Latin letters; a name without Han characters comes back as it is. */
    static String romanize(String name, Transliterator toPinyin) {
        if (!HAN_RUN.matcher(name).find()) {
            return name;
        }
        String text = name;
        for (Map.Entry<String, String> word : GLOSSARY.entrySet()) {
            text = text.replace(word.getKey(), " " + word.getValue() + " ");
        }
        Matcher run = HAN_RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            String syllables = toPinyin.transliterate(run.group()).replace(" ", "");
            run.appendReplacement(out, " " + Matcher.quoteReplacement(syllables) + " ");
        }
        run.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> glossary() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("股份有限公司", "co ltd");
        words.put("有限责任公司", "co ltd");
        words.put("有限公司", "co ltd");
        words.put("公司", "company");
        words.put("集团", "group");
        words.put("进出口", "import export");
        words.put("国际贸易", "international trading");
        words.put("贸易", "trading");
        words.put("商贸", "trading");
        words.put("科技", "technology");
        words.put("技术", "technology");
        words.put("电子", "electronics");
        words.put("国际", "international");
        words.put("实业", "industrial");
        words.put("工业", "industrial");
        words.put("设备", "equipment");
        words.put("机械", "machinery");
        words.put("发展", "development");
        return words;
    }
}
