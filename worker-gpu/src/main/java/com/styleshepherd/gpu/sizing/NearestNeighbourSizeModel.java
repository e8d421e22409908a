package com.styleshepherd.gpu.sizing;

import java.util.Arrays;

/**
 * The k-nearest-neighbour baseline: the sizes of the {@code k} people closest in standardised weight,
 * age and height (unknown values filled with the training medians), as smoothed frequencies
 * ({@code (count + alpha) / (k + alpha * sizes)}, so no size is impossible). Exact search over every
 * training row.
 */
public final class NearestNeighbourSizeModel implements SizeModel {

    static final double ALPHA = 0.5;

    private final int k;
    private final double[] median = new double[3];
    private final double[] mean = new double[3];
    private final double[] scale = new double[3];
    private final double[][] points;
    private final int[] sizes;

    public NearestNeighbourSizeModel(BodySizes train, int k) {
        this.k = k;
        double[][] columns = {train.weight(), train.age(), train.height()};
        for (int f = 0; f < 3; f++) {
            double[] known = Arrays.stream(columns[f]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            median[f] = known[known.length / 2];
            mean[f] = Arrays.stream(known).average().orElseThrow();
            double m = mean[f];
            scale[f] = Math.sqrt(Arrays.stream(known).map(v -> (v - m) * (v - m)).sum() / known.length);
        }
        points = new double[train.count()][];
        for (int i = 0; i < train.count(); i++) {
            points[i] = standardised(train.weight()[i], train.age()[i], train.height()[i]);
        }
        sizes = train.size().clone();
    }

    @Override
    public double[] probabilities(double weight, double age, double height) {
        return smoothed(nearest(weight, age, height, k), k);
    }

    /** The sizes of the {@code count} nearest training rows, nearest first. */
    int[] nearest(double weight, double age, double height, int count) {
        double[] query = standardised(weight, age, height);
        // A bounded max-heap of the nearest so far, by squared distance.
        double[] heapDistance = new double[count];
        int[] heapRow = new int[count];
        int filled = 0;
        for (int row = 0; row < points.length; row++) {
            double[] p = points[row];
            double dw = p[0] - query[0];
            double da = p[1] - query[1];
            double dh = p[2] - query[2];
            double distance = dw * dw + da * da + dh * dh;
            if (filled < count) {
                heapDistance[filled] = distance;
                heapRow[filled] = row;
                siftUp(heapDistance, heapRow, filled++);
            } else if (distance < heapDistance[0]) {
                heapDistance[0] = distance;
                heapRow[0] = row;
                siftDown(heapDistance, heapRow, filled);
            }
        }
        Integer[] order = new Integer[filled];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(heapDistance[a], heapDistance[b]));
        int[] nearestSizes = new int[filled];
        for (int i = 0; i < filled; i++) {
            nearestSizes[i] = sizes[heapRow[order[i]]];
        }
        return nearestSizes;
    }

    /** Smoothed frequencies of the first {@code k} sizes. */
    static double[] smoothed(int[] nearestSizes, int k) {
        double[] p = new double[SizeLadder.count()];
        for (int i = 0; i < k; i++) {
            p[nearestSizes[i]]++;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (p[i] + ALPHA) / (k + ALPHA * p.length);
        }
        return p;
    }

    private double[] standardised(double weight, double age, double height) {
        double[] raw = {weight, age, height};
        double[] z = new double[3];
        for (int f = 0; f < 3; f++) {
            double v = Double.isNaN(raw[f]) ? median[f] : raw[f];
            z[f] = (v - mean[f]) / scale[f];
        }
        return z;
    }

    private static void siftUp(double[] distance, int[] row, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (distance[parent] >= distance[i]) {
                return;
            }
            swap(distance, row, parent, i);
            i = parent;
        }
    }

    private static void siftDown(double[] distance, int[] row, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int largest = i;
            if (left < size && distance[left] > distance[largest]) {
                largest = left;
            }
            if (left + 1 < size && distance[left + 1] > distance[largest]) {
                largest = left + 1;
            }
            if (largest == i) {
                return;
            }
            swap(distance, row, i, largest);
            i = largest;
        }
    }

    private static void swap(double[] distance, int[] row, int a, int b) {
        double d = distance[a];
        distance[a] = distance[b];
        distance[b] = d;
        int r = row[a];
        row[a] = row[b];
        row[b] = r;
    }

    @Override
    public String name() {
        return "k-nearest neighbours (k=" + k + ")";
    }
}
