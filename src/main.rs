fn main() {
    explainer::start();
}
