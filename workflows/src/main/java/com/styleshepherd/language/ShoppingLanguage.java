package com.styleshepherd.language;

import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.Entities;
import com.styleshepherd.workflows.conversation.Intent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule-based reading of a shopper's words: intent and entities from the shop's vocabulary (catalog
 * categories, colours and occasions, sizes, prices, "the second one"). Deterministic and instant; the
 * local stylist, and the fallback whenever the chat model is unavailable.
 */
public final class ShoppingLanguage {

    // The vocabularies are data: src/main/resources/language/*.tsv|txt (Vocabularies reads them).

    /** Word (or phrase) → catalog category slug. Longer phrases are matched first. */
    public static final Map<String, String> CATEGORIES = Vocabularies.pairs("categories.tsv");

    /** Colour word → the catalog's colour (synonyms folded). */
    public static final Map<String, String> COLOURS = Vocabularies.pairs("colours.tsv");

    /** Occasion word → the catalog's occasion. */
    public static final Map<String, String> OCCASIONS = Vocabularies.pairs("occasions.tsv");

    /** Words that describe a product without being a category, colour or occasion. */
    static final List<String> DESCRIPTORS = Vocabularies.words("descriptors.txt");

    private static final Map<Pattern, String> CATEGORY_PHRASES = phrases(CATEGORIES);
    private static final Map<Pattern, String> COLOUR_PHRASES = phrases(COLOURS);
    private static final Map<Pattern, String> OCCASION_PHRASES = phrases(OCCASIONS);
    private static final List<Pattern> DESCRIPTOR_WORDS =
            DESCRIPTORS.stream().map(word -> Pattern.compile("\\b" + word + "\\b")).toList();

    /** Spoken size → the size as the catalog writes it. */
    static final Map<String, String> SIZE_WORDS = Vocabularies.pairs("size-words.tsv");
    private static final String SIZE_TOKEN =
            "(extra extra small|extra small|small|medium|extra extra large|extra large|large|xxs|xs|s|m|l|xl|xxl|\\d{1,2})";
    private static final Pattern SIZE_AFTER_WORD =
            Pattern.compile("\\b(?:size|in|an?|in an?|in size)\\s+" + SIZE_TOKEN + "\\b(?!\\s+(?:of|one|ones|dress|dresses))");
    private static final Pattern SIZE_NAMED = Pattern.compile("\\bsize\\s+" + SIZE_TOKEN + "\\b");
    private static final Pattern BARE_SIZE = Pattern.compile(
            "^(?:(?:i'?ll take |make it |let'?s do |in |size |an? )?(?:an? )?)?" + SIZE_TOKEN + "(?: size)?(?: please| thanks| thank you)?$");

    private static final String AMOUNT = "\\$?\\s?(\\d+(?:\\.\\d{1,2})?)\\s?(?:dollars|bucks|usd|euros?|pounds|quid)?";
    private static final Pattern BETWEEN = Pattern.compile("\\bbetween " + AMOUNT + " and " + AMOUNT);
    private static final Pattern MAX_PRICE = Pattern.compile(
            "\\b(?:under|below|less than|cheaper than|at most|max|maximum|up to|no more than|within|budget (?:is |of )?)\\s?"
                    + AMOUNT);
    private static final Pattern MIN_PRICE = Pattern.compile("\\b(?:over|above|more than|at least|from)\\s?" + AMOUNT);
    private static final Pattern ORDINAL = Pattern.compile(
            "\\b(?:the )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|last)\\b"
                    + "|\\b(?:number|option|item|#)\\s?(\\d{1,2})\\b");
    private static final List<String> ORDINALS =
            List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth");
    private static final Pattern QUANTITY = Pattern.compile("\\b(\\d{1,2}) (?:of (?:them|those|these|it)|pairs?|units?)\\b"
            + "|\\badd (\\d{1,2})\\b");

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90));

    private static final Pattern GOODBYE = Pattern.compile(
            "^(?:ok(?:ay)? |thanks,? |thank you,? )?(?:bye|goodbye|good bye|see you|that'?s all|that is all|i'?m done|"
                    + "end (?:the )?(?:conversation|chat)|stop)\\b");
    private static final Pattern GREETING = Pattern.compile("^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))\\b");
    private static final Pattern HELP = Pattern.compile("\\b(?:help|what can you do|how does this work)\\b");
    private static final Pattern ORDER_STATUS = Pattern.compile(
            "\\bwhere(?:'s| is) my (?:order|parcel|package|delivery)|\\border status|\\btrack(?:ing)? (?:my )?(?:order|parcel|package)"
                    + "|\\bhas my (?:order|parcel|package) (?:shipped|arrived|been sent)|\\bwhen will my (?:order|parcel|package)"
                    + "|\\bstatus of my order");
    private static final Pattern RETURN = Pattern.compile("\\breturn\\b|\\bsend (?:it|them|this|that|.{1,40}) back\\b");
    private static final Pattern CHECKOUT = Pattern.compile(
            "\\bcheck ?out\\b|\\bplace (?:the |my )?order|\\bbuy (?:it all|everything|them all|all of (?:it|them)|now)"
                    + "|\\bpay (?:now|for (?:it|them|everything|my cart))|\\bcomplete (?:my |the )?(?:order|purchase)"
                    + "|\\bready to (?:pay|buy|order)");
    private static final Pattern SHOW_CART = Pattern.compile(
            "\\b(?:what'?s|what is|show(?: me)?|see|view|check|read) (?:in )?(?:my |the )?(?:cart|basket|shopping bag)\\b"
                    + "|^(?:my )?(?:cart|basket)\\??$");
    private static final Pattern REMOVE = Pattern.compile("\\b(?:remove|delete|take out|take off|drop|get rid of)\\b");
    private static final Pattern SIZE_ADVICE = Pattern.compile(
            "\\b(?:what|which) size\\b|\\bsize should i\\b|\\bwill (?:it|this|that|they) fit\\b|\\bdoes (?:it|this|that) run\\b"
                    + "|\\bwhat'?s my size\\b|\\bmy size in\\b");
    private static final Pattern ADD = Pattern.compile(
            "\\b(?:add|put)\\b|\\bi'?ll take\\b|\\bi will take\\b|\\b(?:get|give) me the\\b|\\bbuy the\\b"
                    + "|\\bi(?:'d| would) like the\\b|\\bi want the\\b|\\bi'?ll have the\\b");
    private static final Pattern REMEMBER = Pattern.compile(
            "^(?:please )?(?:remember|note|keep in mind)\\b(?: that)?\\s*"
                    + "|^i (?:really |absolutely |just )?(?:love|like|prefer|adore|hate|dislike|don'?t like|do not like|never wear"
                    + "|always wear|usually wear|avoid|am allergic to)\\b"
                    + "|^my fav(?:ou)?rite (?:colou?r|style|brand|fabric) is\\b");
    private static final Pattern RECOMMEND = Pattern.compile(
            "\\brecommend|\\bsuggest|\\bwhat should i wear\\b|\\bany ideas\\b|\\bsurprise me\\b|\\binspire me\\b"
                    + "|\\bwhat (?:would|do) you (?:think|pick|choose)\\b|\\bstyle me\\b|\\boutfit ideas?\\b|\\bpick something\\b");
    private static final Pattern MORE = Pattern.compile("\\b(?:what about|how about|any(?:thing)?|got|have (?:it|them|those|these|one)|in)\\b");
    private static final Pattern SEARCH = Pattern.compile(
            "\\b(?:show|find|looking for|look for|search|need|want|have|got|sell|browse|see|i'?d like|i would like)\\b");

    private ShoppingLanguage() {
    }

    /** The intent and entities of one utterance, given what the conversation has shown so far. */
    public static Reading read(String utterance, DialogueState state) {
        String text = normalise(utterance);
        Entities entities = entities(text, utterance);
        return new Reading(intent(text, entities, state), entities);
    }

    public record Reading(Intent intent, Entities entities) {
    }

    static Intent intent(String text, Entities e, DialogueState state) {
        if (text.isEmpty()) {
            return Intent.UNKNOWN;
        }
        if (GOODBYE.matcher(text).find()) {
            return Intent.GOODBYE;
        }
        if (ORDER_STATUS.matcher(text).find()) {
            return Intent.ORDER_STATUS;
        }
        if (RETURN.matcher(text).find()) {
            return Intent.START_RETURN;
        }
        if (CHECKOUT.matcher(text).find()) {
            return Intent.CHECKOUT;
        }
        if (SHOW_CART.matcher(text).find()) {
            return Intent.SHOW_CART;
        }
        if (REMOVE.matcher(text).find()) {
            return Intent.REMOVE_FROM_CART;
        }
        if (SIZE_ADVICE.matcher(text).find()) {
            return Intent.SIZE_ADVICE;
        }
        if (state.awaitingSize() && e.size() != null && BARE_SIZE.matcher(text).find()) {
            return Intent.ADD_TO_CART;
        }
        if (ADD.matcher(text).find()) {
            return Intent.ADD_TO_CART;
        }
        if (state.hasResults() && e.itemNumber() != null && !RECOMMEND.matcher(text).find()
                && !REMEMBER.matcher(text).find() && e.priceDirection() == null) {
            // "the second one in M", "I'll go with the last one"
            return Intent.ADD_TO_CART;
        }
        if (REMEMBER.matcher(text).find() && e.itemNumber() == null) {
            return Intent.REMEMBER_PREFERENCE;
        }
        if (RECOMMEND.matcher(text).find()) {
            return Intent.RECOMMEND;
        }
        if (state.hasResults() && (e.priceDirection() != null
                || (e.category() == null && (e.colour() != null || e.size() != null || e.occasion() != null
                        || e.maxPrice() != null || e.minPrice() != null) && MORE.matcher(text).find()))) {
            return Intent.REFINE;
        }
        if (e.describesProducts() || SEARCH.matcher(text).find() && e.keywords() != null) {
            return Intent.SEARCH;
        }
        if (GREETING.matcher(text).find()) {
            return Intent.GREETING;
        }
        if (HELP.matcher(text).find()) {
            return Intent.HELP;
        }
        return Intent.UNKNOWN;
    }

    static Entities entities(String text, String original) {
        String colour = firstPhrase(text, COLOUR_PHRASES);
        String category = firstPhrase(text, CATEGORY_PHRASES);
        String occasion = firstPhrase(text, OCCASION_PHRASES);
        BigDecimal min = null;
        BigDecimal max = null;
        Matcher between = BETWEEN.matcher(text);
        if (between.find()) {
            min = new BigDecimal(between.group(1));
            max = new BigDecimal(between.group(2));
        } else {
            Matcher under = MAX_PRICE.matcher(text);
            if (under.find()) {
                max = new BigDecimal(under.group(1));
            }
            Matcher over = MIN_PRICE.matcher(text);
            if (over.find() && !text.contains("more than one")) {
                min = new BigDecimal(over.group(1));
            }
        }
        String size = size(text, colour);
        Integer itemNumber = itemNumber(text);
        Integer quantity = null;
        Matcher q = QUANTITY.matcher(text);
        if (q.find()) {
            quantity = Integer.valueOf(q.group(1) != null ? q.group(1) : q.group(2));
        }
        String direction = null;
        if (text.matches(".*\\b(?:cheaper|less expensive|lower price[ds]?|more affordable|budget friendly|not so expensive|too expensive)\\b.*")) {
            direction = "cheaper";
        } else if (text.matches(".*\\b(?:pricier|more expensive|higher end|fancier|more premium|more luxurious)\\b.*")) {
            direction = "pricier";
        }
        String reason = RETURN.matcher(text).find() ? returnReason(text) : null;
        String preference = REMEMBER.matcher(text).find() ? preference(original) : null;
        String keywords = keywords(text);
        return new Entities(colour, category, occasion, min, max, size, itemNumber, quantity, direction, reason,
                preference, keywords);
    }

    /** Lower case, curly quotes straightened, number words as digits, punctuation other than ' $ . - gone. */
    static String normalise(String utterance) {
        String text = utterance.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'')
                .replaceAll("[^a-z0-9'$.\\- ]", " ").replaceAll("(?<![0-9])\\.|\\.(?![0-9])", " ")
                .replaceAll("\\s+", " ").strip();
        return numbersAsDigits(text);
    }

    /** "one hundred and twenty five" → "125", "fifty" → "50"; "one" stays a word where it is not a number. */
    private static String numbersAsDigits(String text) {
        String[] words = text.split(" ");
        List<String> out = new ArrayList<>(words.length);
        int i = 0;
        while (i < words.length) {
            int value = 0;
            int consumed = 0;
            boolean any = false;
            int j = i;
            while (j < words.length) {
                String w = words[j];
                if (NUMBER_WORDS.containsKey(w) && !(w.equals("one") && !any && !nextIsNumberPart(words, j))) {
                    value += NUMBER_WORDS.get(w);
                    any = true;
                } else if (w.equals("hundred") && any) {
                    value *= 100;
                } else if (w.equals("hundred") && j == i && i > 0 && words[i - 1].equals("a")) {
                    // "a hundred": the "a" was already copied.
                    out.removeLast();
                    value = 100;
                    any = true;
                } else if (w.equals("and") && any && j + 1 < words.length && NUMBER_WORDS.containsKey(words[j + 1])) {
                    // "one hundred and twenty"
                } else {
                    break;
                }
                j++;
                consumed++;
            }
            if (any) {
                out.add(Integer.toString(value));
                i += consumed;
            } else {
                out.add(words[i]);
                i++;
            }
        }
        return String.join(" ", out);
    }

    private static boolean nextIsNumberPart(String[] words, int j) {
        return j + 1 < words.length && (words[j + 1].equals("hundred") || words[j + 1].matches("dollars|bucks|pounds|euros?"));
    }

    private static String size(String text, String colour) {
        Matcher named = SIZE_NAMED.matcher(text);
        Matcher after = named.find() ? named : SIZE_AFTER_WORD.matcher(text);
        if (after == named || after.find()) {
            String token = after.group(1);
            // "in navy" is a colour; "too small" is a return reason, not a size.
            if (!(colour != null && token.equals(colour)) && !text.matches(".*\\btoo " + Pattern.quote(token) + "\\b.*")) {
                return asSize(token);
            }
        }
        Matcher bare = BARE_SIZE.matcher(text);
        if (bare.find()) {
            return asSize(bare.group(1));
        }
        return null;
    }

    private static String asSize(String token) {
        return SIZE_WORDS.getOrDefault(token, token.toUpperCase(Locale.ROOT));
    }

    private static Integer itemNumber(String text) {
        Matcher m = ORDINAL.matcher(text);
        while (m.find()) {
            if (m.group(2) != null) {
                return Integer.valueOf(m.group(2));
            }
            String word = m.group(1);
            if (word.equals("last")) {
                // "my last order" names an order, not a product shown.
                if (text.matches(".*\\blast (?:order|purchase|time|week|month|year)\\b.*")) {
                    continue;
                }
                return Entities.LAST;
            }
            if (word.equals("first") && text.matches(".*\\bfirst (?:time|of all)\\b.*")) {
                continue;
            }
            int index = ORDINALS.indexOf(word);
            return index >= 0 ? index + 1 : Integer.valueOf(word.replaceAll("\\D", ""));
        }
        return null;
    }

    private static String returnReason(String text) {
        if (text.matches(".*\\b(?:too (?:small|tight|short|narrow)|runs small|doesn'?t fit.{0,20}small)\\b.*")) {
            return "TOO_SMALL";
        }
        if (text.matches(".*\\b(?:too (?:big|large|loose|long|wide|baggy)|runs (?:big|large))\\b.*")) {
            return "TOO_LARGE";
        }
        if (text.matches(".*\\b(?:damaged|broken|ripped|torn|faulty|defect\\w*|poor quality|bad quality|fell apart|stain\\w*)\\b.*")) {
            return "QUALITY";
        }
        if (text.matches(".*\\b(?:style|don'?t like|didn'?t like|not for me|looks? different|colou?r is off|ugly)\\b.*")) {
            return "STYLE";
        }
        return "OTHER";
    }

    /** The preference as said, without the "remember that" before it. */
    private static String preference(String original) {
        String said = original.strip().replaceFirst("(?i)^(?:please )?(?:remember|note|keep in mind)(?: that)?[,:]?\\s*", "");
        said = said.replaceAll("\\s+", " ");
        return said.isBlank() ? null : Character.toUpperCase(said.charAt(0)) + said.substring(1);
    }

    private static String keywords(String text) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < DESCRIPTORS.size(); i++) {
            if (DESCRIPTOR_WORDS.get(i).matcher(text).find()) {
                found.add(DESCRIPTORS.get(i));
            }
        }
        return found.isEmpty() ? null : String.join(" ", found);
    }

    /** The value of the vocabulary phrase said first (longest first at the same place). */
    private static String firstPhrase(String text, Map<Pattern, String> phrases) {
        int best = Integer.MAX_VALUE;
        String value = null;
        for (Map.Entry<Pattern, String> entry : phrases.entrySet()) {
            Matcher m = entry.getKey().matcher(text);
            if (m.find() && m.start() < best) {
                best = m.start();
                value = entry.getValue();
            }
        }
        return value;
    }

    /** Each phrase as a whole-word pattern (plurals included), compiled once, in the vocabulary's order. */
    private static Map<Pattern, String> phrases(Map<String, String> vocabulary) {
        Map<Pattern, String> phrases = new LinkedHashMap<>();
        vocabulary.forEach((phrase, value) ->
                phrases.put(Pattern.compile("\\b" + Pattern.quote(phrase) + "(?:e?s)?\\b"), value));
        return phrases;
    }

    /** Longest phrase first, so "forest green" wins over "green" at the same place. */}
