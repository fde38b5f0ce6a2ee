class CarController < ApplicationController
  include ApplicationHelper

  def index
    OpenTelemetry.tracer_provider.tracer("ride-sharing-app").in_span("CarController#index") do |span|
      find_nearest_vehicle(3, "car")
    end
    render html: "<h1>Car ordered</h1>".html_safe
  end
end
