package com.styleshepherd.activities.conversation;

import com.styleshepherd.language.ShoppingLanguage;
import com.styleshepherd.workflows.conversation.CartItem;
import com.styleshepherd.workflows.conversation.Dialogue;
import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.ReplyRequest;
import com.styleshepherd.workflows.conversation.SearchSlots;
import com.styleshepherd.workflows.conversation.ShownProduct;
import com.styleshepherd.workflows.conversation.TurnOutcome;
import com.styleshepherd.workflows.conversation.Understanding;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The local stylist: {@link ShoppingLanguage} reads the words, templates answer them. Deterministic (the
 * same turn always gets the same reply), instant, and good enough to demo every intent.
 */
public final class RuleBasedStylist implements Stylist {

    public static final String SOURCE = "rules";
    private static final int SPOKEN_ITEMS = 3;

    @Override
    public Understanding understand(String text, DialogueState state) {
        ShoppingLanguage.Reading reading = ShoppingLanguage.read(text, state);
        return new Understanding(reading.intent(), reading.entities(), SOURCE);
    }

    @Override
    public String compose(ReplyRequest request) {
        TurnOutcome outcome = request.outcome();
        return switch (outcome.result()) {
            case DONE -> done(request);
            case NOTHING_FOUND -> "I couldn't find anything matching " + describe(request.slots()) + ". "
                    + "Want me to widen the search, maybe a different colour or budget?";
            case WHICH_PRODUCT -> "Which one do you mean? You can say \"the first one\" or name its colour.";
            case WHICH_SIZE -> "Which size would you like the " + outcome.subject().name() + " in? It's in stock in "
                    + join(outcome.subject().sizesInStock()) + ".";
            case SIZE_UNAVAILABLE -> "Sorry, the " + outcome.subject().name() + " isn't in stock in " + outcome.size() + "."
                    + (outcome.subject().sizesInStock().isEmpty() ? ""
                            : " It is in " + join(outcome.subject().sizesInStock()) + ".");
            case CART_EMPTY -> "Your cart is empty. Tell me what you're looking for and I'll find something.";
            case NO_WALLET -> "I need a payment method and a delivery address to check out. Add them in the app, "
                    + "then say \"check out\" again. Your cart is saved.";
            case OUT_OF_STOCK -> "Something in your cart just sold out: " + outcome.checkout().problem()
                    + ". Nothing was charged. Shall I find an alternative?";
            case NO_ORDERS -> "I can't find any orders on your account yet.";
            case RETURN_REFUSED -> "I couldn't start that return: " + outcome.returned().problem() + ".";
            case UNAVAILABLE -> "Sorry, I couldn't reach that part of the shop just now. Please try again in a moment.";
            case NOT_UNDERSTOOD -> "Sorry, I didn't catch that. You can ask me to find clothes, suggest an outfit, "
                    + "advise on size, or check your order.";
        };
    }

    private static String done(ReplyRequest request) {
        TurnOutcome outcome = request.outcome();
        return switch (request.understanding().intent()) {
            case SEARCH, REFINE -> found(request);
            case RECOMMEND -> recommended(request);
            case SIZE_ADVICE -> outcome.sizeAdvice().size() == null
                    ? "I don't know enough to size the " + outcome.subject().name() + " yet. "
                            + (outcome.sizeAdvice().reason() == null
                                    ? "Tell me your usual size or add your measurements to your profile."
                                    : outcome.sizeAdvice().reason())
                    : "I'd go for " + outcome.sizeAdvice().size() + " in the " + outcome.subject().name() + ", based on "
                            + outcome.sizeAdvice().reason() + "."
                            + (Dialogue.inStock(outcome.subject(), outcome.sizeAdvice().size())
                                    ? " It's in stock. Shall I add it?"
                                    : " That size is out of stock right now, sorry.");
            case ADD_TO_CART -> "Added the " + outcome.subject().name() + " in " + outcome.size() + " to your cart. "
                    + cartLine(outcome.cart());
            case REMOVE_FROM_CART -> "Removed the " + outcome.subject().name() + " (" + outcome.size() + "). "
                    + (outcome.cart().isEmpty() ? "Your cart is empty now." : cartLine(outcome.cart()));
            case SHOW_CART -> cartLine(outcome.cart()) + " " + outcome.cart().stream()
                    .map(item -> item.quantity() + " × " + item.name() + " (" + item.size() + ")")
                    .collect(Collectors.joining(", ")) + ".";
            case CHECKOUT -> "I've started your checkout for " + money(outcome.checkout().total(), outcome.checkout().currency())
                    + ". I'll confirm as soon as the payment goes through.";
            case ORDER_STATUS -> "Your latest order, " + String.join(", ", outcome.order().items()) + ", is "
                    + outcome.order().status().toLowerCase(Locale.ROOT) + ".";
            case START_RETURN -> "I've started a return for the " + outcome.returned().item() + " ("
                    + outcome.returned().reason().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + "). You'll get a label by email.";
            case REMEMBER_PREFERENCE -> "Noted: " + lowerFirst(request.understanding().entities().preference())
                    + ". I'll keep it in mind when I pick things for you.";
            case GREETING -> "Hi! I'm your Style Shepherd stylist. What are you shopping for today?";
            case HELP -> "I can find clothes (\"navy dresses under 100 dollars\"), suggest outfits, tell you which size "
                    + "to get, manage your cart, check out, and track or return orders.";
            case GOODBYE -> "Thanks for shopping with me. Bye for now!";
            case UNKNOWN -> "Sorry, I didn't catch that.";
        };
    }

    private static String found(ReplyRequest request) {
        List<ShownProduct> products = request.outcome().matches().products();
        String lead = request.outcome().matches().relaxed().contains("colour")
                ? "Nothing in " + request.slots().colour() + " exactly, but these are the closest"
                : "Here " + (products.size() == 1 ? "is " : "are ") + products.size() + " "
                        + describe(request.slots());
        return lead + ": " + list(products) + ". Want any of them in your size?";
    }

    private static String recommended(ReplyRequest request) {
        List<ShownProduct> products = request.outcome().matches().products();
        String why = products.getFirst().reason() == null ? "" : " (" + lowerFirst(products.getFirst().reason()) + ")";
        return "I'd suggest " + list(products) + why + ". Shall I add one to your cart?";
    }

    private static String list(List<ShownProduct> products) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(SPOKEN_ITEMS, products.size()); i++) {
            ShownProduct p = products.get(i);
            if (i > 0) {
                text.append(i == Math.min(SPOKEN_ITEMS, products.size()) - 1 ? " and " : ", ");
            }
            text.append(ORDINAL_WORDS.get(i)).append(", the ").append(p.name()).append(" at ")
                    .append(money(p.price(), p.currency()));
        }
        if (products.size() > SPOKEN_ITEMS) {
            text.append(", plus ").append(products.size() - SPOKEN_ITEMS).append(" more on screen");
        }
        return text.toString();
    }

    private static final List<String> ORDINAL_WORDS = List.of("first", "second", "third");

    private static String describe(SearchSlots slots) {
        StringBuilder text = new StringBuilder();
        if (slots.colour() != null) {
            text.append(slots.colour()).append(' ');
        }
        if (slots.keywords() != null) {
            text.append(slots.keywords()).append(' ');
        }
        text.append(slots.category() != null ? slots.category() : "options");
        if (slots.occasion() != null) {
            text.append(" for ").append(slots.occasion());
        }
        if (slots.size() != null) {
            text.append(" in size ").append(slots.size());
        }
        if (slots.maxPrice() != null && slots.minPrice() != null) {
            text.append(" between ").append(plain(slots.minPrice())).append(" and ").append(plain(slots.maxPrice()));
        } else if (slots.maxPrice() != null) {
            text.append(" under ").append(plain(slots.maxPrice()));
        } else if (slots.minPrice() != null) {
            text.append(" over ").append(plain(slots.minPrice()));
        }
        return text.toString();
    }

    private static String cartLine(List<CartItem> cart) {
        int units = cart.stream().mapToInt(CartItem::quantity).sum();
        BigDecimal total = cart.stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String currency = cart.isEmpty() ? "USD" : cart.getFirst().currency();
        return "Your cart has " + units + (units == 1 ? " item" : " items") + ", " + money(total, currency) + " in all.";
    }

    static String money(BigDecimal amount, String currency) {
        String value = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        return switch (currency) {
            case "USD" -> "$" + value;
            case "EUR" -> "€" + value;
            case "GBP" -> "£" + value;
            default -> value + " " + currency;
        };
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static String join(List<String> sizes) {
        return String.join(", ", sizes);
    }

    private static String lowerFirst(String text) {
        return text == null || text.isEmpty() ? "" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
