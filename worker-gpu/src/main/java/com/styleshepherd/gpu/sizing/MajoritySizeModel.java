package com.styleshepherd.gpu.sizing;

/** The baseline that knows nothing about the person: the training data's size frequencies, for everyone. */
public final class MajoritySizeModel implements SizeModel {

    private final double[] frequencies;

    public MajoritySizeModel(BodySizes train) {
        frequencies = new double[SizeLadder.count()];
        for (int size : train.size()) {
            frequencies[size]++;
        }
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] /= train.count();
        }
    }

    @Override
    public double[] probabilities(double weight, double age, double height) {
        return frequencies.clone();
    }

    @Override
    public String name() {
        return "majority class (training frequencies)";
    }
}
