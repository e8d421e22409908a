package com.styleshepherd.gpu.fit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Step 1 of Misra, Wan and McAuley, "Decomposing fit semantics for product size recommendation in metric
 * spaces" (RecSys 2018): latent factors for customers and child products (a product in one size), learned
 * by ordinal hinge regression on fit feedback. A purchase's fit score is
 * <pre>f = α + b_customer + b_product + b_child + ⟨w, u_customer ⊙ v_child⟩</pre>
 * (the paper has the customer and product biases; the child product's bias is ours, so that a size's
 * offset within its product need not be carried by a factor)
 * and the loss asks for {@code f ≥ b2 + m} when the item was small, {@code b1 + m ≤ f ≤ b2 − m} when it fit,
 * and {@code f ≤ b1 − m} when it was large (thresholds b1 = −1, b2 = 1, margin m = ½), by stochastic
 * gradient descent with L2 regularisation. That is the paper's best method (K-LF). Its baseline 1-LV
 * (Sembium et al., KDD 2017) has one "true size" per customer and child product and scores their
 * difference: {@code f = α + b_customer + b_product + w (u_customer − v_child)}; {@link #trueSizes} builds it.
 *
 * <p>Customers and child products never seen in training have zero bias and zero factors: their score is
 * the population's, and {@link #representation} says how much each side was seen so a classifier can
 * discount it.
 */
public final class FitLatentFactors {

    static final double LOW = -1;
    static final double HIGH = 1;
    static final double MARGIN = 0.5;

    private final int k;
    /** The 1-LV form: one true size each, scored by their difference. */
    private final boolean difference;
    private final double learningRate;
    private final double regularisation;
    private double alpha;
    private final double[] w;
    private final Map<String, Entity> customers;
    private final Map<String, Entity> parents;
    private final Map<String, Entity> children;

    /** A customer, product or child product: bias, factors and how many training purchases it had. */
    private static final class Entity {
        double bias;
        final double[] factors;
        int seen;

        Entity(int k) {
            factors = new double[k];
        }
    }

    private FitLatentFactors(int k, boolean difference, double learningRate, double regularisation) {
        this.k = k;
        this.difference = difference;
        this.learningRate = learningRate;
        this.regularisation = regularisation;
        this.w = new double[k];
        java.util.Arrays.fill(w, 1.0);
        this.customers = new HashMap<>();
        this.parents = new HashMap<>();
        this.children = new HashMap<>();
    }

    /** A model over the training purchases' customers and products, factors drawn from the seed; not trained yet. */
    public static FitLatentFactors initialise(List<FitRecord> train, int k, long seed) {
        return initialise(new FitLatentFactors(k, false, 0.05, 0.01), train, seed);
    }

    /** The 1-LV baseline: one true size per customer and child product. */
    public static FitLatentFactors trueSizes(List<FitRecord> train, long seed) {
        return initialise(new FitLatentFactors(1, true, 0.05, 0.01), train, seed);
    }

    private static FitLatentFactors initialise(FitLatentFactors model, List<FitRecord> train, long seed) {
        Random random = new Random(seed);
        for (FitRecord record : train) {
            model.entity(model.customers, record.customer(), random).seen++;
            model.entity(model.parents, record.parent(), random).seen++;
            model.entity(model.children, record.child(), random).seen++;
        }
        return model;
    }

    private Entity entity(Map<String, Entity> map, String key, Random random) {
        return map.computeIfAbsent(key, any -> {
            Entity entity = new Entity(k);
            for (int i = 0; i < k; i++) {
                entity.factors[i] = random.nextGaussian() * 0.1;
            }
            return entity;
        });
    }

    /** One pass of stochastic gradient descent over the purchases, in an order shuffled by the seed. */
    public void epoch(List<FitRecord> train, long seed) {
        for (int index : com.styleshepherd.gpu.sizing.Permutations.of(train.size(), seed)) {
            step(train.get(index));
        }
    }

    private void step(FitRecord record) {
        Entity c = customers.get(record.customer());
        Entity p = parents.get(record.parent());
        Entity v = children.get(record.child());
        double f = score(c, p, v);
        // dLoss/df: −1 where f must rise to meet a threshold, +1 where it must fall.
        double gradient = switch (record.fit()) {
            case SMALL -> f < HIGH + MARGIN ? -1 : 0;
            case LARGE -> f > LOW - MARGIN ? 1 : 0;
            case FIT -> (f < LOW + MARGIN ? -1 : 0) + (f > HIGH - MARGIN ? 1 : 0);
        };
        double rate = learningRate;
        alpha -= rate * gradient;
        c.bias -= rate * (gradient + regularisation * c.bias);
        p.bias -= rate * (gradient + regularisation * p.bias);
        v.bias -= rate * (gradient + regularisation * v.bias);
        for (int i = 0; i < k; i++) {
            double wi = w[i];
            double ui = c.factors[i];
            double vi = v.factors[i];
            if (difference) {
                w[i] -= rate * (gradient * (ui - vi) + regularisation * (wi - 1));
                c.factors[i] -= rate * (gradient * wi + regularisation * ui);
                v.factors[i] -= rate * (-gradient * wi + regularisation * vi);
            } else {
                w[i] -= rate * (gradient * ui * vi + regularisation * (wi - 1));
                c.factors[i] -= rate * (gradient * wi * vi + regularisation * ui);
                v.factors[i] -= rate * (gradient * wi * ui + regularisation * vi);
            }
        }
    }

    private double score(Entity c, Entity p, Entity v) {
        double f = alpha + (c == null ? 0 : c.bias) + (p == null ? 0 : p.bias) + (v == null ? 0 : v.bias);
        for (int i = 0; i < k; i++) {
            f += interaction(c, v, i);
        }
        return f;
    }

    /** Factor i's share of the score; an unseen side counts as zero (the population's size). */
    private double interaction(Entity c, Entity v, int i) {
        if (difference) {
            return w[i] * ((c == null ? 0 : c.factors[i]) - (v == null ? 0 : v.factors[i]));
        }
        return c == null || v == null ? 0 : w[i] * c.factors[i] * v.factors[i];
    }

    /** The fit score: high means the product runs small for this customer, low that it runs large. */
    public double score(String customer, String parent, String size) {
        return score(customers.get(customer), parents.get(parent), children.get(parent + "/" + size));
    }

    /** How many features {@link #representation} gives. */
    public int width() {
        return k + 7;
    }

    /**
     * The purchase in the latent space, for the second step's classifier: the score, the biases, the
     * weighted factor products, and how many training purchases the customer, product and child had
     * (log scale; 0 for an unseen one).
     */
    public double[] representation(String customer, String parent, String size) {
        Entity c = customers.get(customer);
        Entity p = parents.get(parent);
        Entity v = children.get(parent + "/" + size);
        double[] out = new double[width()];
        out[0] = score(c, p, v);
        out[1] = c == null ? 0 : c.bias;
        out[2] = p == null ? 0 : p.bias;
        out[3] = Math.log1p(c == null ? 0 : c.seen);
        out[4] = Math.log1p(p == null ? 0 : p.seen);
        out[5] = Math.log1p(v == null ? 0 : v.seen);
        out[6] = v == null ? 0 : v.bias;
        for (int i = 0; i < k; i++) {
            out[7 + i] = interaction(c, v, i);
        }
        return out;
    }

    public boolean knows(String customer) {
        return customers.containsKey(customer);
    }

    public int factors() {
        return k;
    }

    public int customers() {
        return customers.size();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(k);
        out.writeBoolean(difference);
        out.writeDouble(learningRate);
        out.writeDouble(regularisation);
        out.writeDouble(alpha);
        for (double wi : w) {
            out.writeDouble(wi);
        }
        for (Map<String, Entity> map : List.of(customers, parents, children)) {
            out.writeInt(map.size());
            for (Map.Entry<String, Entity> entry : map.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeDouble(entry.getValue().bias);
                out.writeInt(entry.getValue().seen);
                for (double factor : entry.getValue().factors) {
                    out.writeDouble(factor);
                }
            }
        }
    }

    static FitLatentFactors read(DataInputStream in) throws IOException {
        FitLatentFactors model = new FitLatentFactors(in.readInt(), in.readBoolean(), in.readDouble(), in.readDouble());
        model.alpha = in.readDouble();
        for (int i = 0; i < model.k; i++) {
            model.w[i] = in.readDouble();
        }
        for (Map<String, Entity> map : List.of(model.customers, model.parents, model.children)) {
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                String key = in.readUTF();
                Entity entity = new Entity(model.k);
                entity.bias = in.readDouble();
                entity.seen = in.readInt();
                for (int j = 0; j < model.k; j++) {
                    entity.factors[j] = in.readDouble();
                }
                map.put(key, entity);
            }
        }
        return model;
    }
}
